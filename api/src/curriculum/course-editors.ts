/**
 * SQL: the user whose id is the parameter `param` edits (and so teaches, grades and reads the reports
 * of) the course `alias`: they own it or co-own it. With `adminNull`, a NULL parameter means "an
 * administrator": every course.
 */
export function editsCourse(alias: string, param: string, adminNull = false): string {
  const edits = `(${alias}.owner_id = ${param}
    OR EXISTS (SELECT 1 FROM course_owner co WHERE co.course_id = ${alias}.id AND co.user_id = ${param}))`;
  return adminNull ? `(${param}::uuid IS NULL OR ${edits})` : edits;
}
