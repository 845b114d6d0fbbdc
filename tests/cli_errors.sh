#!/bin/sh
# Bad input gets one error line naming the file (and line), a non-zero exit and no output.
# usage: cli_errors.sh EMBER WORKDIR
ember=$1
work=$2/cli-errors
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
passed=0
failed=0

# expect NAME PATTERN -- ember arguments...: the single stderr line must match PATTERN
expect() {
    name=$1 pattern=$2
    shift 3
    rm -f out.tables
    "$ember" "$@" --quiet -o out.tables >stdout.txt 2>stderr.txt
    status=$?
    lines=$(wc -l <stderr.txt)
    if [ "$status" -ne 0 ] && [ "$lines" -eq 1 ] && grep -Eq "^ember: error: $pattern" stderr.txt && [ ! -e out.tables ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: exit $status, $lines stderr lines:"
        cat stderr.txt
    fi
}

# expect_kept NAME FILE PATTERN -- ember arguments...: FILE exists, ember refuses with an error
# matching PATTERN and leaves FILE as it was
expect_kept() {
    name=$1 file=$2 pattern=$3
    shift 4
    echo keep >"$file"
    "$ember" "$@" 2>stderr.txt
    if [ $? -ne 0 ] && grep -q "$pattern" stderr.txt && [ "$(cat "$file")" = keep ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        cat stderr.txt
    fi
}

fresh() {
    rm -rf case && mkdir case && "$ember" --write-example case || exit 1
}

fresh
expect missing-config "nosuch.config: cannot open" -- nosuch.config

fresh
sed -i 's/^#integrals bubble.m/#integrals nosuch.m/' case/bubble.config
expect missing-targets "case/nosuch.m: cannot open" -- case/bubble.config

fresh
sed -i 's/^SBasisS\[0\] = {{{1, 2}, {1, 1}, {0, 0}}}/SBasisS[0] = {{{1, 2}, {1, 1}, {0, 0}}, {{2, 1}, {1, 1}, {0, 0}}}/' case/bubble.start
expect false-symmetry "case/bubble.config:[0-9]+: SBasisS: symmetry 2 maps sector 01 onto 10, but only one of them is zero" -- case/bubble.config

fresh
sed -i 's/SBasis0C\[0, 1, {1, 0}\] = {{-2\*m2, 1}}/SBasis0C[0, 1, {1, x}] = {{-2*m2, 1}}/' case/bubble.start
expect malformed-start-shift "case/bubble.start:[0-9]+: .*integer" -- case/bubble.config

fresh
sed -i 's/SBasis0C\[0, 1, {0, 1}\] = {{s - m2, 2}}/SBasis0C[0, 1, {0, 1}] = {{s - m2 2}}/' case/bubble.start
expect malformed-start-pair "case/bubble.start:[0-9]+: " -- case/bubble.config

fresh
sed -i 's/{{d, 0}, {-2, 1}, {-1, 2}}/{{q, 0}, {-2, 1}, {-1, 2}}/' case/bubble.start
expect unknown-symbol "case/bubble.start:[0-9]+: .*unknown symbol 'q'" -- case/bubble.config

fresh
printf '{{1,{2,2}},{1,{1,2,1}}}\n' >case/bubble.m
expect target-indices "case/bubble.m:1: integral with 3 indices, expected 2" -- case/bubble.config

fresh
printf '{{1,{2,2}},\n{2,{1,2}}}\n' >case/bubble.m
expect target-problem "case/bubble.m:2: problem number 2" -- case/bubble.config

fresh
sed -i 's/^#variables .*/#variables d, s->11, m2->3/' case/bubble.config
expect variable-without-value "case/bubble.config:3: variable 'd' has no value" -- case/bubble.config

fresh
sed -i 's/^#prime 1/#prime 128/' case/bubble.config
expect prime-out-of-range "case/bubble.config:4: #prime: expected a prime index from 0 to 127" -- case/bubble.config

fresh
expect prime-option-out-of-range "--prime: prime index 500 out of range" -- --prime 500 case/bubble.config

fresh
sed -i 's/^#integrals bubble.m/#integrals bubble.m\n#frobnicate 3/' case/bubble.config
expect unknown-directive "case/bubble.config:8: unknown directive '#frobnicate' after #start" -- case/bubble.config

fresh
sed -i 's/^#threads 2/#threads two/' case/bubble.config
expect bad-threads "case/bubble.config:2: #threads" -- case/bubble.config

fresh
printf 'garbage\n' >case/bubble.start
expect not-a-start-file "case/bubble.start: no ExampleDimension" -- case/bubble.config

# #output ! refuses to overwrite, and leaves the existing file alone
fresh
sed -i 's/^#output bubble.tables/#output !bubble.tables/' case/bubble.config
expect_kept output-no-overwrite case/bubble.tables "forbids overwriting" -- --quiet case/bubble.config

# a family's --point names each free symbol once, with a number
fresh
expect point-unknown "--point: 'q' is not a free symbol of family 'bubble' \(it has d=...,s=...,m2=...\)" -- reduce case --targets case/bubble.m --point d=37,q=11
expect point-missing "--point: no value for 'm2'" -- reduce case --targets case/bubble.m --point d=37,s=11
expect point-number "--point: expected name=number \(an integer or p/q\), found 's=1/0'" -- reduce case --targets case/bubble.m --point d=37,s=1/0,m2=1

# top_level_sectors: Kira's numbers (bit i-1 for propagator i); targets must lie below one
fresh
sed -i 's/top_level_sectors: \[3\]/top_level_sectors: [1]/' case/config/integralfamilies.yaml
expect outside-top "case/bubble.m:1: integral 1 of the list is outside the top_level_sectors of family 'bubble'" -- reduce case --targets case/bubble.m --point d=37,s=11,m2=3
fresh
sed -i 's/top_level_sectors: \[3\]/top_level_sectors: [4]/' case/config/integralfamilies.yaml
expect bad-top "case/config/integralfamilies.yaml:[0-9]+: top_level_sectors: expected a sector number from 1 to 3" -- reduce case --targets case/bubble.m --point d=37,s=11,m2=3

# reduce keeps an existing output unless --force
fresh
expect_kept reduce-no-overwrite kept.tables "kept.tables: exists" -- reduce case --targets case/bubble.m --point d=37,s=11,m2=3 -o kept.tables

# export-start puts the sector maps beside the .start, and keeps an existing .lbases
examples=$(cd "$(dirname "$0")/../examples" && pwd)
rm -f np.start
expect_kept lbases-no-overwrite np.lbases "np.lbases: exists" -- export-start "$examples/nonplanar" -o np.start
if [ -e np.start ]; then
    failed=$((failed + 1))
    echo "FAIL lbases-no-overwrite wrote np.start"
fi

# an old .lbases that this export does not replace (no sector maps now) is named in a warning
rm -f box.start
echo old >box.lbases
if "$ember" export-start "$examples/box" -o box.start 2>stderr.txt \
    && grep -q "warning: box.lbases is not from this export" stderr.txt && [ "$(cat box.lbases)" = old ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL stale-lbases-warning"
    cat stderr.txt
fi

# an output path with no room for the .lbases name beside it
long=$(printf 'x%.0s' $(seq 1 4095))
if ! "$ember" export-start "$examples/box" -o "$long" 2>stderr.txt \
    && grep -q "path too long for the .lbases file beside it" stderr.txt && [ "$(wc -l <stderr.txt)" -eq 1 ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL lbases-path-too-long"
    cat stderr.txt
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
