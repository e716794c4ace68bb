# The conformance sources of issue 18's new APIs (translated from CPython's test_asyncio).
set(AIO_CONFORMANCE_API_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/as_completed_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/barrier_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/futures_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/timeouts_test.cpp
)
