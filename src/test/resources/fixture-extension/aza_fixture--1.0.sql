\echo Use "CREATE EXTENSION aza_fixture" to load this file. \quit
CREATE FUNCTION aza_fixture_add(integer, integer) RETURNS integer
  AS 'MODULE_PATHNAME', 'aza_fixture_add'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
