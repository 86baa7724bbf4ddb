// graph/internal/huge_pages.h — transparent huge page advice and prefaulting
// for the big arrays built when a graph is loaded (store rows and graph columns).
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

// Faults the whole pages of [data, data + bytes) in, writable, without
// writing them (MADV_POPULATE_WRITE, Linux 5.14+): the kernel's zeroing of
// fresh pages, a large part of building big arrays, then runs on the calling
// thread, so a helper thread can take it off the thread that fills the
// memory. The contents are unchanged, so it may run while another thread
// writes there. Advice only; failure changes nothing.
inline void PrefaultForWrite(const void* data, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  constexpr uintptr_t kPage = 4096;
  const auto start = reinterpret_cast<uintptr_t>(data);
  const uintptr_t begin = (start + kPage - 1) & ~(kPage - 1);
  const uintptr_t end = (start + bytes) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace corpgraph::graph::internal
