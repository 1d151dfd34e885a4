/**
 * A municipality's name in the reader's language, as a SQL expression over the table alias and the
 * statement parameter holding the language (`$3`): the one way a page names a city. Queries return
 * the chosen name; views never pick among the three.
 */
export function municipalityNameSql(alias: string, languageParam: string): string {
  return `CASE ${languageParam}::text WHEN 'he' THEN ${alias}.name_he WHEN 'ar' THEN ${alias}.name_ar ELSE ${alias}.name_en END`;
}
