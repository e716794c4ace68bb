// Valid C++ that tree-sitter-cpp 0.23.4 cannot parse (an export macro before
// a declaration, `= {}` default arguments as in Boost.Asio's composed_8.cpp)
// is a note for the file, not an error: the parts that parsed are still
// analysed and the exit code says only whether there are findings.
// RUN: %corolint --fast --checks=-*,async-blocking-call %s > %t.out 2>&1; echo "exit code $?" >> %t.out
// RUN: FileCheck %s --implicit-check-not="{{warning|error}}:" < %t.out

// CHECK: parse-error.cpp:[[@LINE+1]]:{{[0-9]+}}: remark: tree-sitter could not parse {{[0-9]+}} places of this file (first: {{.*}}); the fast engine analysed the rest, findings there may be missing [corolint-fast-parse]
void with_default(int timeout = {}, int retries = {});

MYLIB_EXPORT aio::task<void> exported() {
  sleep(1);
  // CHECK: parse-error.cpp:[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'exported'
  co_return;
}

aio::task<void> after_the_errors() {
  int x = (1 + ;
  usleep(1);
  // CHECK: parse-error.cpp:[[@LINE-1]]:3: warning: blocking call to 'usleep' in coroutine 'after_the_errors'
  co_return;
}

// CHECK: exit code 1
