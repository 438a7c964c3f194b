// glibc's malloc statistics (mallinfo2), which the Glibc module does not export: `care bench`
// reports the heap the caseload and the dashboard hold.
#include <malloc.h>
