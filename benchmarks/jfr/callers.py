#!/usr/bin/env python3
"""Who spends a cost category: the CPU samples of a JFR recording whose stack holds any of the
given frames, counted by their first Liaison frames (decision 0040).

Usage: callers.py RECORDING.jfr HH:MM:SS-HH:MM:SS FRAME[,FRAME...]
  e.g. callers.py node.jfr 14:55:00-14:57:30 org/hibernate,org/h2,arjuna   (database time by caller)
Needs the JDK's `jfr` tool on the PATH.
"""
import json, sys, collections, subprocess

f = sys.argv[1]
t0, t1 = sys.argv[2].split('-')
pats = sys.argv[3].split(',')
out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '80', '--events',
                      'jdk.ExecutionSample', f], capture_output=True, text=True).stdout
c = collections.Counter()
n = 0
for e in json.loads(out)['recording']['events']:
    v = e['values']
    if not (t0 <= v['startTime'][11:19] <= t1):
        continue
    s = v.get('stackTrace')
    frames = [fr['method']['type']['name'] + '.' + fr['method']['name'] for fr in (s['frames'] if s else [])]
    if not any(p in fr for fr in frames for p in pats):
        continue
    n += 1
    ours = [fr.replace('org/liaison/', '') for fr in frames
            if fr.startswith('org/liaison') and '_Subclass' not in fr and 'ClientProxy' not in fr]
    c[' < '.join(ours[:3])] += 1
print('samples', n)
for k, v in c.most_common(25):
    print('%5d %s' % (v, k))
