"""Registration of participants: member units send named people for a plan's per-unit quotas.

The rules, one concern to a module (views only parse input and show results; who may do what is
decided in plans.policy):

- `quotas`: each unit's quotas (the plan's per-unit groups) and how far it is with its list;
- `people`: a person's fields, how they are tidied and checked, and the plan's list;
- `services`: add, change, remove (each on the locked plan, with a line in the plan's change log)
  and the organiser's reopening of registration;
- `xlsx_import`: a unit's list from an XLSX file, all or nothing; `xlsx_export`: the list and the
  blank template as XLSX, on the columns of `columns`;
- `appendix`: the list as the plan's Phụ lục;
- `personal_data`: masking, the log of every full view, export, appendix, import and purge, and
  the purge after the event.
"""
