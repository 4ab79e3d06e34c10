/* aza-pg test fixture: a C function compiled with PGXS inside the image's builder stage. */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(aza_fixture_add);

Datum
aza_fixture_add(PG_FUNCTION_ARGS)
{
	int32 a = PG_GETARG_INT32(0);
	int32 b = PG_GETARG_INT32(1);

	PG_RETURN_INT32(a + b);
}
