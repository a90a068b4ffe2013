#pragma once
// How the CLI process keeps its heap (glibc's malloc): what a run of many files is better served by.
#include <string>
#include <vector>

namespace seslint::cli {

// Before a run over `paths` (as given): for a run over a directory or many files, the heap grows
// into transparent huge pages (heap.cpp says why and how). Call before the run allocates much and
// before any worker thread starts; once.
void prepare_heap_for(const std::vector<std::string>& paths);

}  // namespace seslint::cli
