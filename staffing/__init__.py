"""Staff managed in the app: accounts and roles by a body's staff administrator, each change in an
audit log; bodies, clusters and staff imported and exported as XLSX by a provincial administrator.

Above `plans` in the direction of imports: its rights are decided by `plans.policy.staffing`, the one
policy module, which reads only `clusters`.
"""
