# Stand-in for @rules_java when Bazel cannot download it: @bazel_tools//tools/jdk
# loads these names while toolchains are resolved, even for a C++-only build.
def java_binary(**kwargs):
    native.java_binary(**kwargs)

def java_import(**kwargs):
    native.java_import(**kwargs)

def java_library(**kwargs):
    native.java_library(**kwargs)

def java_runtime(**kwargs):
    native.java_runtime(**kwargs)

def java_toolchain(**kwargs):
    native.java_toolchain(**kwargs)
