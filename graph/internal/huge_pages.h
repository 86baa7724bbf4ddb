// graph/internal/huge_pages.h — transparent huge page advice for the big
// arrays built when a graph is loaded (store rows and graph columns).
//
//   std::vector<uint32_t> column;
//   column.reserve(n);
//   internal::AdviseHugePages(column.data(), column.capacity() * sizeof(uint32_t));
//
// Linux only in effect; elsewhere, and on any failure, it changes nothing.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace corpgraph::graph::internal {

// Asks Linux for transparent huge pages on the 2 MB-aligned part of
// [data, data + bytes), before anything touches it: where THP is "madvise"
// only, a big array would otherwise take one page fault (and one TLB entry)
// per 4 KB. Advice only; failure changes nothing.
inline void AdviseHugePages(const void* data, size_t bytes) {
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  if (bytes < 2 * kHugePage) return;
  const auto start = reinterpret_cast<uintptr_t>(data);
  const uintptr_t begin = (start + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = (start + bytes) & ~(kHugePage - 1);
#ifdef MADV_HUGEPAGE
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

}  // namespace corpgraph::graph::internal
