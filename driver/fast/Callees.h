//===--- Callees.h - what a call runs, as far as this file says ----------===//
//
// Questions about the function a call may run that the file answers without
// types: its recorded call site, whether it makes a task, which methods of
// the file a member call may reach, and whether it may change what it is
// handed (a non-const reference or pointer parameter, a non-const method).
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_DRIVER_FAST_CALLEES_H
#define COROLINT_DRIVER_FAST_CALLEES_H

#include "driver/fast/FastOptions.h"
#include "driver/fast/FunctionModel.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace corolint::fast {

/// The recorded call site of the call_expression \p Call, or nullptr (its
/// callee's name was not requested, or it is a member call).
const CallSite *callSiteOf(const FileModel &Model, TSNode Call);

/// The callee of \p Call is declared in this file with a return type on
/// \p TaskTypes: its qualified name (or, for a member called from its class,
/// its name), or nullptr.
const std::string *taskProducer(const CallSite &Call, const FileModel &Model,
                                const NameList &TaskTypes, std::string_view Source);

/// The functions of this file named \p Method (not lambdas): what `x.Method()` may run.
std::vector<size_t> methodDefinitions(const FileModel &Model, std::string_view Method);

/// The Index of mayChangeArgument for the object of a method call.
inline constexpr uint32_t ObjectArgument = UINT32_MAX;

/// Whether the call_expression \p Call may change its argument number
/// \p Index: the functions of this file it may run take a non-const lvalue
/// reference or pointer there (for ObjectArgument: are not const methods),
/// or the file defines none of them (unknown).
bool mayChangeArgument(const FileModel &Model, TSNode Call, uint32_t Index,
                       std::string_view Source);

} // namespace corolint::fast

#endif
