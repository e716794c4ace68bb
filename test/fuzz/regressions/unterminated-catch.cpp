aio::task<> f() { try { co_await g(); } catch (
