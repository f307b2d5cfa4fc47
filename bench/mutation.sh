#!/usr/bin/env bash
# Mutation testing of the core routing, case store, export and check modules (mutmut 3, settings
# under [tool.mutmut] in pyproject.toml; tests/bot only). Not part of CI: a few minutes on 2 cores.
#   bench/mutation.sh            run, then print the kill rate per module
#   mutmut show <mutant-name>    inspect a survivor
#   mutmut run "bot.cases.store.*"   one module only (after a full run, or with mutants/ removed)
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "mutmut==3.8.1"
rm -rf mutants
mutmut run --max-children "${MUTMUT_CHILDREN:-2}" >mutants-run.log 2>&1 \
  || { tail -n 20 mutants-run.log >&2; exit 1; }
mutmut results --all true | python -m bench.mutation_summary
