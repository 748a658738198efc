#!/usr/bin/env python3
"""Where a process of a JFR recording spends its CPU samples, by cost category (decision 0018).

Usage: breakdown.py RECORDING.jfr [HH:MM:SS HH:MM:SS]   (the window; default: the whole recording)

Each jdk.ExecutionSample goes to the first category whose frame is anywhere on its stack (the
Liaison-level operations first: checkpoint and envelope signatures, certificate handling, OPRF,
H2 commit...), otherwise to the library of its innermost frame (~netty, ~grpc, ~jdk...). Needs the
JDK's `jfr` tool on the PATH.
"""
import json,sys,collections,subprocess
f=sys.argv[1]
t0,t1=(sys.argv[2],sys.argv[3]) if len(sys.argv)>3 else ('00:00:00','99:99:99')
out=subprocess.run(['jfr','print','--json','--stack-depth','80','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout
evs=json.loads(out)['recording']['events']
rules=[
 ('checkpoint sign','AuditCheckpoints.sign'),
 ('envelope sign','EnvelopeSealer.sign'),
 ('cert validate','CertificateValidator.validate'),
 ('cert fingerprint','Certificates.fingerprint'),
 ('cert parse','Certificates.parse'),
 ('cert facts','CertificateFacts'),
 ('cert role','CertificateRole'),
 ('trust mgr','AgencyTrustManager'),
 ('peer reval','PeerRevalidation'),
 ('envelope verify','EnvelopeVerifier.verifySignature'),
 ('checkpoint verify','AuditCheckpoints.verify'),
 ('oprf','wire/oprf'),
 ('ecdsa other','Ecdsa.'),
 ('hpke','hpke'),('HPKE','Hpke'),
 ('h2 commit','MVStore.store'),
 ('h2 other','org/h2'),
 ('hibernate','org/hibernate'),
 ('narayana','arjuna'),
 ('BC other','bouncycastle'),
 ('jdk crypto','com/sun/crypto'),
]
leaf=[('tls','sun/security/ssl'),('netty','io/grpc/netty'),('grpc','io/grpc'),('protobuf','com/google/protobuf'),('liaison','org/liaison'),('quarkus/arc','io/quarkus'),('jdk','java/')]
c=collections.Counter(); n=0
for e in evs:
    v=e['values']; st=v['startTime'][11:19]
    if st<t0 or st>t1: continue
    n+=1
    s=v.get('stackTrace'); frames=[(fr['method']['type']['name']+'.'+fr['method']['name']) for fr in (s['frames'] if s else [])]
    for name,pat in rules:
        if any(pat in fr for fr in frames): c[name]+=1; break
    else:
        for fr in frames:
            m=[name for name,pat in leaf if pat in fr]
            if m: c['~'+m[0]]+=1; break
        else: c['other']+=1
print('samples',n)
for k,v in c.most_common(): print('%5d %5.1f%% %s'%(v,100*v/n,k))
