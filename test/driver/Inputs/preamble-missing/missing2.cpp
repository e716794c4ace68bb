// A header that is not on the include path, in the #include block two units share:
// the preamble must not be built past it (the unit is parsed whole and reports the
// missing file, as without preambles; preamble.test diffs the two reports).
#include <vector>
#include <NoSuchLibrary/Missing.hpp>
#include <string>
#include <aio/aio.hpp>

aio::task<int> count_2(std::vector<std::string> names) { co_return static_cast<int>(names.size()); }
