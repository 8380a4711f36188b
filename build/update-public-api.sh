#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (RS0016) to its project's PublicAPI.Unshipped.txt, and drops
# every declared one that no longer exists (RS0017). Review the diff: it is the change to the public surface.
# Usage: build/update-public-api.sh   (from anywhere in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet build --nologo -v q -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
python3 - "$log" <<'PY'
import re, sys, os, collections
added, removed = collections.defaultdict(set), collections.defaultdict(set)
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.search(r"(?:error|warning) (RS001[67]): Symbol '(.+?)' is (?:not )?part of the declared public API.*\[(.+?\.csproj)\]", line)
    if m:
        (added if m.group(1) == 'RS0016' else removed)[os.path.dirname(m.group(3))].add(m.group(2))
for project in set(added) | set(removed):
    path = os.path.join(project, 'PublicAPI.Unshipped.txt')
    lines = [l.rstrip('\n') for l in open(path, encoding='utf-8')] if os.path.exists(path) else ['#nullable enable']
    body = [l for l in lines[1:] if l and l not in removed[project]] + sorted(added[project] - set(lines))
    open(path, 'w', encoding='utf-8').write('\n'.join([lines[0]] + sorted(set(body))) + '\n')
    print(f'{path}: +{len(added[project])} -{len(removed[project])}')
PY
rm -f "$log"
