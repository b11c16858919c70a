-- A field of a stored event payload, as text. Payloads are kept as written, and Postgres cannot
-- de-escape a \u0000 or a lone surrogate (\ud800) in JSON: such a payload is read again with those
-- escapes dropped, and NULL is what even that cannot read. Used by the admin usage report.
CREATE FUNCTION "agent_studio_event_field"(doc json, field text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN doc ->> field;
EXCEPTION WHEN untranslatable_character OR invalid_text_representation THEN
  BEGIN
    RETURN regexp_replace(doc::text, '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '', 'g')::json ->> field;
  EXCEPTION WHEN untranslatable_character OR invalid_text_representation THEN
    RETURN NULL;
  END;
END $$;
