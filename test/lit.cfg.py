# lit configuration for the check, driver, fast-engine and editor suites.
# Run through the build tree: lit build/test (scripts/test does it).
import os
import shutil

import lit.formats

config.name = "corolint"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.corolint_obj_root, "test")
# GoogleTest, benchmark and fuzzer sources are not lit tests (fast/fuzz-regressions.test
# replays fuzz/regressions); Inputs/ hold test data.
config.excludes = ["runtime", "model", "bench", "corpus", "fuzz", "Inputs", "lit.cfg.py", "check_corolint.py", "lsp_client.py", "run_corpus.py"]

bin_dir = os.path.join(config.corolint_obj_root, "bin")
lib_dir = os.path.join(config.corolint_obj_root, "lib")
aio_include = os.path.join(config.corolint_src_root, "runtime", "include")
runner = os.path.join(config.test_source_root, "check_corolint.py")
python = config.python_executable

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, bin_dir, config.environment.get("PATH", os.environ["PATH"])])
# Findings must not depend on the user's terminal or CI settings.
config.environment["TERM"] = "dumb"
config.environment.pop("CI", None)

runner_args = "--bin-dir={} --lib-dir={} --aio-include={}".format(bin_dir, lib_dir, aio_include)
config.substitutions.append(("%check_corolint_plugin",
                             "{} {} --engine=plugin {}".format(python, runner, runner_args)))
config.substitutions.append(("%check_corolint_fast",
                             "{} {} --engine=fast {}".format(python, runner, runner_args)))
config.substitutions.append(("%check_corolint",
                             "{} {} --engine=corolint {}".format(python, runner, runner_args)))
config.substitutions.append(("%corolint-clangd", os.path.join(bin_dir, "corolint-clangd")))
config.substitutions.append(("%corolint", os.path.join(bin_dir, "corolint")))
config.substitutions.append(("%plugin", os.path.join(lib_dir, "corolint-plugin.so")))
config.substitutions.append(("%aio_include", aio_include))
config.substitutions.append(("%resource_dir", config.clang_resource_dir))
config.substitutions.append(("%python", python))
config.substitutions.append(("%src_root", config.corolint_src_root))
config.substitutions.append(("%obj_root", config.corolint_obj_root))

# The HTML report's page test needs a browser: Debian's chromium (scripts/packages.txt),
# headless; --no-sandbox because CI runs as root.
if shutil.which("chromium"):
    config.available_features.add("chromium")
    config.substitutions.append(("%chromium", "chromium --headless --no-sandbox --disable-gpu"))

# The Bazel integration's test: Debian's bazel-bootstrap (scripts/packages.txt).
if shutil.which("bazel"):
    config.available_features.add("bazel")
# The pinned npm packages of scripts/npm-packages.txt (the SARIF schema).
config.substitutions.append(("%deps_dir", config.corolint_deps_dir))
