"""corolint for Bazel.

corolint_aspect runs corolint on every translation unit of the cc_library, cc_binary
and cc_test targets it reaches (along deps), one action per unit: declared inputs
(the source, the headers its target can see, the corolint binary), one SARIF file
out, nothing absolute in it. So the remote cache and remote execution treat it like
a compile action. corolint_sarif merges the per-unit logs into one SARIF file.
corolint_repository makes an installed corolint a label.

    bazel build //... --aspects=@corolint//:corolint.bzl%corolint_aspect \\
        --output_groups=corolint
"""

CorolintInfo = provider(
    doc = "The per-translation-unit SARIF logs of a target and of its deps.",
    fields = {"results": "depset of File"},
)

_SOURCE_EXTENSIONS = ["c", "cc", "cpp", "cxx", "c++", "C"]

# Paths in the logs are relative to this root; /proc/self/cwd is the action's working
# directory (the execroot) wherever the action runs, so the logs are byte-identical on
# every machine and in every sandbox.
_ROOT = "/proc/self/cwd"

def _compilation_context(target, ctx):
    if CcInfo in target:
        return target[CcInfo].compilation_context
    deps = [dep[CcInfo] for dep in getattr(ctx.rule.attr, "deps", []) if CcInfo in dep]
    return cc_common.merge_cc_infos(cc_infos = deps).compilation_context

def _compile_flags(ctx, compilation):
    flags = list(ctx.fragments.cpp.copts) + list(ctx.fragments.cpp.cxxopts)
    flags += [flag for flag in getattr(ctx.rule.attr, "copts", []) if "$(" not in flag]
    flags += ["-D" + define for define in compilation.defines.to_list()]
    flags += ["-D" + define for define in getattr(ctx.rule.attr, "local_defines", [])]
    flags += ["-I" + path for path in compilation.includes.to_list()]
    flags += ["-iquote" + path for path in compilation.quote_includes.to_list()]
    flags += ["-isystem" + path for path in compilation.system_includes.to_list()]
    return flags

def _corolint_aspect_impl(target, ctx):
    transitive = [
        dep[CorolintInfo].results
        for dep in getattr(ctx.rule.attr, "deps", [])
        if CorolintInfo in dep
    ]
    results = []

    # External repositories (third-party code) are not linted.
    if ctx.rule.kind in ("cc_library", "cc_binary", "cc_test") and not ctx.label.workspace_root:
        compilation = _compilation_context(target, ctx)
        flags = _compile_flags(ctx, compilation)
        own_headers = [
            f
            for src in getattr(ctx.rule.attr, "srcs", []) + getattr(ctx.rule.attr, "hdrs", [])
            for f in src.files.to_list()
            if f.extension not in _SOURCE_EXTENSIONS
        ]
        inputs = depset(own_headers, transitive = [compilation.headers])
        corolint = ctx.executable._corolint
        for src in getattr(ctx.rule.attr, "srcs", []):
            for f in src.files.to_list():
                if f.extension not in _SOURCE_EXTENSIONS:
                    continue
                out = ctx.actions.declare_file("%s.corolint/%s.sarif" % (ctx.label.name, f.short_path))
                args = ctx.actions.args()
                args.add(corolint)
                args.add_all(["--format", "sarif", "--no-progress", "--source-root", _ROOT])
                args.add("-o", out)
                args.add("%s/%s" % (_ROOT, f.path))
                args.add("--")
                args.add_all(flags)
                ctx.actions.run(
                    executable = ctx.executable._action,
                    arguments = [args],
                    inputs = depset([f], transitive = [inputs]),
                    tools = [corolint],
                    outputs = [out],
                    mnemonic = "Corolint",
                    progress_message = "corolint %s" % f.short_path,
                )
                results.append(out)

    all_results = depset(results, transitive = transitive)
    return [
        CorolintInfo(results = all_results),
        OutputGroupInfo(corolint = all_results),
    ]

_TOOL_ATTRS = {
    "_corolint": attr.label(
        default = Label("@corolint_tool//:corolint"),
        executable = True,
        cfg = "exec",
        allow_single_file = True,
    ),
}

corolint_aspect = aspect(
    implementation = _corolint_aspect_impl,
    attr_aspects = ["deps"],
    fragments = ["cpp"],
    attrs = dict(_TOOL_ATTRS, _action = attr.label(
        default = Label("//:corolint_action.sh"),
        executable = True,
        cfg = "exec",
        allow_single_file = True,
    )),
)

def _path(f):
    return f.path

def _corolint_sarif_impl(ctx):
    logs = depset(transitive = [dep[CorolintInfo].results for dep in ctx.attr.deps]).to_list()
    out = ctx.actions.declare_file(ctx.label.name + ".sarif")
    args = ctx.actions.args()
    args.add("merge")
    args.add(out)

    # Sorted: the merged log must not depend on the order Bazel walked the graph in.
    args.add_all(sorted(logs, key = _path))
    ctx.actions.run(
        executable = ctx.executable._corolint,
        arguments = [args],
        inputs = logs,
        outputs = [out],
        mnemonic = "CorolintMerge",
        progress_message = "corolint merge %s" % out.short_path,
    )
    return [DefaultInfo(files = depset([out]))]

corolint_sarif = rule(
    implementation = _corolint_sarif_impl,
    doc = "One SARIF file with the findings of every translation unit of deps (transitively).",
    attrs = dict(_TOOL_ATTRS, deps = attr.label_list(aspects = [corolint_aspect])),
)

def _corolint_repository_impl(rctx):
    path = rctx.attr.path or rctx.which("corolint")
    if not path:
        fail("corolint_repository: no corolint on PATH; install the corolint package or set path")
    rctx.symlink(path, "corolint")
    rctx.file("WORKSPACE", "workspace(name = \"%s\")\n" % rctx.name)
    rctx.file("BUILD", "exports_files([\"corolint\"])\n")

corolint_repository = repository_rule(
    implementation = _corolint_repository_impl,
    doc = "The corolint binary (default: the one on PATH, e.g. /usr/bin/corolint) as @NAME//:corolint.",
    attrs = {"path": attr.string(doc = "Absolute path of corolint")},
    local = True,
)
