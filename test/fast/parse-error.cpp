// A file that does not parse: each place tree-sitter gave up is an error
// (exit 2), and the findings in the rest of the file are still reported.
// RUN: %corolint --fast %s > %t.out 2>&1; echo "exit code $?" >> %t.out
// RUN: FileCheck %s --implicit-check-not="{{warning|error}}:" < %t.out

// CHECK: parse-error.cpp:[[@LINE+4]]:9: error: cannot parse the code starting at '='
// CHECK-NEXT: {{^}}  int x = (1 + ;{{$}}
// CHECK-NEXT: {{^}}        ^{{$}}
aio::task<void> broken() {
  int x = (1 + ;
  co_return;
}

// CHECK: parse-error.cpp:[[@LINE+2]]:12: error: expected ';'
void missing_semicolon() {
  int y = 2
}

aio::task<void> after_the_errors() {
  sleep(1);
  // CHECK: parse-error.cpp:[[@LINE-1]]:3: warning: blocking call to 'sleep' in coroutine 'after_the_errors'
  co_return;
}

// CHECK: exit code 2
