#include <cstddef>
#include <cstdint>

#include "cpu_limit.hpp"
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const seslint::fuzz::CpuLimit limit;
  seslint::fuzz::read_yaml({reinterpret_cast<const char*>(data), size});
  return 0;
}
