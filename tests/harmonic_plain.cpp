// The harmonic solver's source built a second time for plain x86-64 only (no AVX2 or AVX-512
// version), in a namespace of its own: tst_inpaint checks that the version the CPU picks gives the
// same bits as this one.
#define UNCLOUDED_NO_CLONES
#define unclouded unclouded_plain
#include "core/imgproc/harmonic.cpp"
