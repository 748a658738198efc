#!/usr/bin/env python3
"""Where the node's import thread spends its CPU samples, by part (decision 0078).

Usage: import_thread.py RECORDING.jfr HH:MM:SS HH:MM:SS LINES   (the import's window; its lines)

Every jdk.ExecutionSample with BatchImport on its stack goes to the first part found on it; the
per-line figure takes 10 ms a sample (settings=profile). Needs the JDK's `jfr` tool on the PATH.
"""
import json,collections,subprocess,sys
out=subprocess.run(['jfr','print','--json','--stack-depth','80','--events','jdk.ExecutionSample',sys.argv[1]],capture_output=True,text=True).stdout
ev=json.loads(out)['recording']['events']
t0,t1=sys.argv[2],sys.argv[3]; lines=int(sys.argv[4])
def cat(fr,s):
    if 'StoreDurability' in s: return 'flush to disk (StoreDurability)'
    if 'MVStore.store' in s or 'FileStore' in s or 'TransactionStore.commit' in s or 'MVStore.commit' in s or 'Transaction.commit' in s or 'commit' in ' '.join(f for f in fr if 'arjuna' in f or 'agroal' in f): return 'H2 commit + page writing'
    if 'identifiers/PersonKeys' in s or 'identifiers/PersonName' in s or 'identifiers/Names' in s: return 'name forms + phonetic keys'
    if 'phonenumbers' in s: return 'phone (libphonenumber)'
    if 'identifiers/' in s: return 'other identifiers'
    if 'fasterxml' in s: return 'JSON (Jackson tree)'
    if 'org/h2' in s: return 'H2 inserts, indexes, reads'
    return 'Liaison rest + JDK'
c=collections.Counter(); n=0
for e in ev:
    t=e['values']['startTime'][11:19]
    if not (t0<=t<=t1): continue
    fr=[f['method']['type']['name']+'.'+f['method']['name'] for f in e['values']['stackTrace']['frames']]
    s=' '.join(fr)
    if 'records/BatchImport' not in s: continue
    n+=1; c[cat(fr,s)]+=1
print('import-thread samples %d (x 10 ms = %.0f us per line of %d)'%(n,n*1e4/lines,lines))
for k,v in c.most_common(): print('%5d %5.1f%% %5.0f us  %s'%(v,100*v/n,v*1e4/lines,k))
