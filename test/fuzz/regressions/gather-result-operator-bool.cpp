// Full engine, assertion builds: async-dropped-exception asked the name of
// the conversion 'operator bool' called on a gathered result
// (NamedDecl::getName() on a name that is no identifier).
#include <aio/aio.hpp>
aio::task<int> f();
aio::task<> g() {
  auto [r] = co_await aio::gather(aio::return_exceptions, f());
  if (!r)
    co_return;
}
