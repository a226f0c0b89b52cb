// ROI_VECTOR_CLONES: a function built twice, for AVX2 (four doubles a vector instead of two) and
// for the baseline x86-64, the copy chosen at load time by the CPU. The same IEEE operations in
// the same order, lane by lane: no FMA (not in the avx2 target; -ffp-contract=off besides), so
// every double is the baseline build's. Elsewhere (other compilers, other CPUs) one build.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define ROI_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define ROI_VECTOR_CLONES
#endif
