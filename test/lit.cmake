# The lit suites (test/checks, test/driver, test/fast, test/lsp), run against this build.
# Debian's python3 (scripts/packages.txt), not whatever shim is first on PATH.
if(EXISTS /usr/bin/python3 AND NOT Python3_EXECUTABLE)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(COROLINT_LIT "${LLVM_LIBRARY_DIR}/../build/utils/lit/lit.py" CACHE FILEPATH "lit.py from llvm-19-tools")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/lit.site.cfg.py.in
               ${CMAKE_CURRENT_BINARY_DIR}/lit.site.cfg.py @ONLY)
add_custom_target(check-lit
  COMMAND ${Python3_EXECUTABLE} ${COROLINT_LIT} -sv ${CMAKE_CURRENT_BINARY_DIR}
  DEPENDS corolint corolint-plugin corolint-clangd
  USES_TERMINAL)
