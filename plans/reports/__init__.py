"""Review reports (sơ kết 6 tháng, tổng kết năm) of a plan or of a cluster's plans of a year.

- tallies: the period's activities counted by quarter and by lead unit, and what is overdue on the
  report's day (`plan_report`, `cluster_report`);
- tables: those numbers as the rows that the page, the document and the workbook share;
- chart: the bar chart as plain SVG, drawn on the server;
- document: the official "BÁO CÁO", in the shape of a plan's document context, so plans.documents
  lays it out as it lays out a plan;
- workbook: the same tables as XLSX.
"""
