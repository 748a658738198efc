#!/usr/bin/env python3
"""CPU of every node, gateway and load driver process by kind of thread: the JIT compilers' share,
which JFR's execution samples leave out (decision 0055).

Usage: threads.py sample OUT.tsv        reads /proc once a second until stopped (kill or Ctrl-C)
       threads.py summary OUT.tsv [S]   each process's CPU seconds per S-second window (default 20):
                                        its compiler threads (C1/C2) and all its other threads

Run `sample` in the background beside a load run (e.g. FederationLoad), stop it when the run ends.
A process is named by the agency and role in its command line (us.ice/node, us.dea/gateway ...).
"""
import collections
import os
import re
import sys
import time

TICKS = os.sysconf('SC_CLK_TCK')


def name(pid):
    try:
        cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return None
    if 'java' not in cmd:
        return None
    m = re.search(r'(us\.\w+|[a-z]{2}\.\w+)/(node|gateway)', cmd)
    if m:
        return m.group(1) + '/' + m.group(2)
    return 'java-' + pid


def seconds(stat):
    fields = stat[stat.rindex(')') + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def cpu(pid):
    """(compiler seconds, other seconds): the process's total counts threads that have ended, the
    compilers' count is their live threads' (the JVM may stop one, whose time then shows as other)."""
    try:
        total = seconds(open(f'/proc/{pid}/stat').read())
        tasks = os.listdir(f'/proc/{pid}/task')
    except OSError:
        return None
    compiler = 0.0
    for t in tasks:
        try:
            stat = open(f'/proc/{pid}/task/{t}/stat').read()
        except OSError:
            continue
        if 'CompilerThre' in stat[stat.index('(') + 1:stat.rindex(')')]:
            compiler += seconds(stat)
    return compiler, total - compiler


def sample(path):
    with open(path, 'w') as out:
        while True:
            now = time.time()
            for pid in filter(str.isdigit, os.listdir('/proc')):
                n = name(pid)
                c = cpu(pid) if n else None
                if c:
                    out.write(f'{now:.1f}\t{pid}\t{n}\t{c[0]:.2f}\t{c[1]:.2f}\n')
            out.flush()
            time.sleep(1)


def summary(path, window):
    series = collections.defaultdict(list)
    for line in open(path):
        t, pid, n, compiler, other = line.rstrip('\n').split('\t')
        series[(n, pid)].append((float(t), float(compiler), float(other)))
    if not series:
        sys.exit(f'{path} holds no sample of a Java process')
    start = min(s[0][0] for s in series.values())
    for (n, pid), s in sorted(series.items()):
        print(f'{n} (pid {pid}): compilers {s[-1][1] - s[0][1]:.1f} s, other threads {s[-1][2] - s[0][2]:.1f} s')
        i = 0
        while i < len(s) - 1:
            j = i
            while j < len(s) - 1 and s[j][0] - s[i][0] < window:
                j += 1
            print(f'  {s[i][0] - start:6.0f} s  compilers {s[j][1] - s[i][1]:5.1f}  other {s[j][2] - s[i][2]:5.1f}')
            i = j


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'sample':
        sample(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == 'summary':
        summary(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 20)
    else:
        sys.exit(__doc__)
