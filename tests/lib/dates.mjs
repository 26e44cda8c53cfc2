// A date as the GOV.UK date input sends it (src/web/form.h: name-day,
// name-month and name-year, and name-time when a time is asked for), from
// 'YYYY-MM-DD' and, optionally, a time as a person types it ('10:00',
// '2pm'), in UK time.
export const dateFields = (name, ymd, time) => {
  const [year, month, day] = ymd.split('-');
  const fields = { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
  if (time !== undefined) fields[`${name}-time`] = time;
  return fields;
};
