# `cmake --install` and CPack: the tools, aio (installed by runtime/), the docs and
# the man page, packaged as corolint_<version>_amd64.deb for Debian 12.
include(GNUInstallDirs)

# Beside bin/: the docs directory --explain finds (Explain.cpp) and SARIF links point at.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/corolint
  PATTERN "man" EXCLUDE)

# The man page is roff we write (docs/man/corolint.1); Debian wants it gzipped,
# -n so that the .gz does not carry a timestamp.
set(COROLINT_MAN_GZ ${CMAKE_BINARY_DIR}/man/corolint.1.gz)
add_custom_command(OUTPUT ${COROLINT_MAN_GZ}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
  COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/docs/man/corolint.1 > ${COROLINT_MAN_GZ}
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/corolint.1
  COMMENT "gzip corolint.1")
add_custom_target(corolint-man ALL DEPENDS ${COROLINT_MAN_GZ})
install(FILES ${COROLINT_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME corolint)
set(CPACK_PACKAGE_VENDOR corolint)
set(CPACK_PACKAGE_CONTACT "corolint maintainers <corolint@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Linter for C++20 coroutine pitfalls, and the aio coroutine runtime")
set(CPACK_PACKAGE_DESCRIPTION
  "corolint runs clang-tidy-style async-* checks (blocking calls, forgotten awaits,\n"
  "swallowed cancellation, unbounded spawning, ...) on C++20 coroutine code: a CLI,\n"
  "a clang-tidy-19 plugin and corolint-clangd for editors. Ships aio, an asyncio-like\n"
  "coroutine runtime, as a static library with its headers and CMake package.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # corolint_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Release binaries without the RelWithDebInfo debug info: a third of the size.
set(CPACK_STRIP_FILES ON)
# Shared libraries the binaries link (libclang-cpp19, libllvm19, grpc/protobuf/absl for
# corolint-clangd, libtree-sitter0, ...) come from dpkg-shlibdeps. What it cannot see:
# the Clang resource headers (stddef.h, ...) every parse needs, and liburing, which
# aio's static library needs at link time of the user's program.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-19-dev, liburing-dev")
# The plugin is loaded into clang-tidy-19; C++ programs using aio need a C++20 compiler.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-19, clang-19")
include(CPack)
