aio::task<> busy() {
  for (;;)
    co_await aio::sleep(1ms);
  while (true) {}
}
