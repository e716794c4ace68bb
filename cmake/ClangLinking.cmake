# How our binaries link Debian's LLVM 19: clang-tidy's and clangd's static
# libraries on top of the shared libclang-cpp and libLLVM. Linking the static
# libclangAST.a etc. as well would duplicate globals that libclang-cpp.so
# already has (the binary then crashes at exit), so the imported targets,
# which pull those in, are not used.

function(corolint_link_clang_tidy target)
  file(GLOB tidy_libs "${LLVM_LIBRARY_DIR}/libclangTidy*.a")
  list(FILTER tidy_libs EXCLUDE REGEX "libclangTidy(Main|Plugin)\\.a$")
  target_link_libraries(${target} PRIVATE
    -Wl,--start-group ${tidy_libs} -Wl,--end-group
    clang-cpp LLVM)
endfunction()

function(corolint_link_clangd target)
  file(GLOB clangd_libs
    "${LLVM_LIBRARY_DIR}/libclangdMain.a"
    "${LLVM_LIBRARY_DIR}/libclangDaemon.a"
    "${LLVM_LIBRARY_DIR}/libclangDaemonTweaks.a"
    "${LLVM_LIBRARY_DIR}/libclangdSupport.a"
    "${LLVM_LIBRARY_DIR}/libclangdRemote*.a"
    "${LLVM_LIBRARY_DIR}/libclangdMonitoringServiceProto.a"
    "${LLVM_LIBRARY_DIR}/libclangIncludeCleaner.a"
    "${LLVM_LIBRARY_DIR}/libclangPseudo*.a")
  file(GLOB tidy_libs "${LLVM_LIBRARY_DIR}/libclangTidy*.a")
  list(FILTER tidy_libs EXCLUDE REGEX "libclangTidy(Main|Plugin)\\.a$")
  target_link_libraries(${target} PRIVATE
    -Wl,--start-group ${clangd_libs} ${tidy_libs} -Wl,--end-group
    clang-cpp LLVM grpc++ gpr grpc protobuf absl_synchronization)
endfunction()
