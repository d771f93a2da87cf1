#!/bin/sh
# npm test's static checks: lint first (a tenth of a second), then the type check and the dependency rules side by side
# (each is one busy process, so on two cores together they take as long as the slower one). Fails if either fails.
npm run --silent lint || exit 1
npm run --silent typecheck &
typecheck=$!
npm run --silent deps &
deps=$!
wait "$typecheck"
typecheck_status=$?
wait "$deps"
deps_status=$?
[ "$typecheck_status" -eq 0 ] && [ "$deps_status" -eq 0 ]
