#!/bin/sh
# Builds ember and runs the whole test suite, then builds and runs it again under
# AddressSanitizer + UndefinedBehaviorSanitizer. Run from anywhere; needs root for apt-get
# only when packages are missing.
set -e
cd "$(dirname "$0")/.."
sh cmake/setup-debian.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
ctest --test-dir build --output-on-failure
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DEMBER_SANITIZE=ON
cmake --build build-sanitize -j2
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  ctest --test-dir build-sanitize --output-on-failure
