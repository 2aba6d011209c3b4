"""Who may see and do what with a plan: the one place that answers it (a package by concern).

Rights come from `clusters.Staff` rows (a user's role in a body), read once per request:
- a drafter drafts for their body and, in an office (phòng, ban), for the body it belongs to;
- an approver approves, and a records clerk numbers and issues, for their own body;
- a cluster plan belongs to the cluster's head of the plan's year: that body's drafters, approvers
  and clerks act on it, whoever heads the cluster later; the other member units read it once
  submitted, and answer when their opinion is asked;
- member-unit staff read their own body's plans and their clusters' plans; any staff reads, once
  submitted, the plans that give their unit a quota, and registers its people once issued;
- an overseer reads every plan of their body and of every body under it;
- a superuser may do everything the state of the plan allows;
- a staff administrator manages the accounts and roles of their body and the bodies under it (at a
  province: also imports bodies, clusters and staff), with no right on plans (`staffing`).

A plan outside what a user may see is a 404 (`visible_plans`); a refused action on a visible plan
is a 403 whose message says why (`denial`).
"""

from plans.policy.accounts import ACCOUNTS_MESSAGE, may_manage_accounts, require_account_manager
from plans.policy.decisions import (
    allowed_actions,
    answering_units,
    answers_on_behalf,
    approval_wait,
    can,
    consultation_running,
    consulted_units,
    denial,
    registering_bodies,
    registering_units,
    registration_closes,
    registration_open,
    require,
    units_without_account,
    waiting_units,
)
from plans.policy.drafting import (
    drafting_clusters,
    drafting_organizations,
    may_draft,
    may_draft_for,
    register_keepers,
    require_drafter,
    users_acting,
)
from plans.policy.follow_up import (
    calendar_issuers,
    full_list_denial,
    is_followed,
    may_see_cluster,
    own_plans,
    personal_data_units,
    registration_list_denial,
    sees_every_plan,
    sees_province_overview,
)
from plans.policy.legal import LEGAL_TEXTS_MESSAGE, may_manage_legal_texts, require_legal_text_manager
from plans.policy.review import (
    MEETING_CLOSED_MESSAGE,
    MEETING_OPEN_MESSAGE,
    meeting_denial,
    review_body,
    review_denial,
    review_issuers,
    visible_reviews,
)
from plans.policy.rules import (
    ACTING_ROLES,
    ALLOWED_STATES,
    ANSWERING_ROLES,
    CONSULT_CLUSTER_ONLY_MESSAGE,
    CONSULTATION_OPEN_MESSAGE,
    FULL_LIST_MESSAGE,
    NO_HEAD_MESSAGE,
    NO_QUOTA_MESSAGE,
    NO_REGISTRATION_LIST_MESSAGE,
    NOT_ASKED_MESSAGE,
    NOT_DRAFTER_MESSAGE,
    NOT_MEMBER_MESSAGE,
    REGISTERING_ROLES,
    REGISTRATION_CLOSED_MESSAGE,
    ROLE_MESSAGES,
    STATE_MESSAGES,
    Action,
)
from plans.policy.scope import (
    Scope,
    acting_as,
    acting_body,
    asked_of,
    may_act_on,
    scope_of,
    sees_drafts,
    visible_plans,
)
from plans.policy.staffing import (
    NOT_PROVINCE_ADMIN_MESSAGE,
    NOT_STAFF_ADMIN_MESSAGE,
    account_denial,
    administered_ids,
    administered_organizations,
    import_roots,
    managed_users,
    may_administer,
    may_manage_staff,
    require_province_admin,
    require_staff_admin,
    subtree_ids,
)

__all__ = [
    "ACCOUNTS_MESSAGE",
    "ACTING_ROLES",
    "ALLOWED_STATES",
    "ANSWERING_ROLES",
    "CONSULTATION_OPEN_MESSAGE",
    "CONSULT_CLUSTER_ONLY_MESSAGE",
    "FULL_LIST_MESSAGE",
    "LEGAL_TEXTS_MESSAGE",
    "MEETING_CLOSED_MESSAGE",
    "MEETING_OPEN_MESSAGE",
    "NOT_ASKED_MESSAGE",
    "NOT_DRAFTER_MESSAGE",
    "NOT_MEMBER_MESSAGE",
    "NOT_PROVINCE_ADMIN_MESSAGE",
    "NOT_STAFF_ADMIN_MESSAGE",
    "NO_HEAD_MESSAGE",
    "NO_QUOTA_MESSAGE",
    "NO_REGISTRATION_LIST_MESSAGE",
    "REGISTERING_ROLES",
    "REGISTRATION_CLOSED_MESSAGE",
    "ROLE_MESSAGES",
    "STATE_MESSAGES",
    "Action",
    "Scope",
    "account_denial",
    "acting_as",
    "acting_body",
    "administered_ids",
    "administered_organizations",
    "allowed_actions",
    "answering_units",
    "answers_on_behalf",
    "approval_wait",
    "asked_of",
    "calendar_issuers",
    "can",
    "consultation_running",
    "consulted_units",
    "denial",
    "drafting_clusters",
    "drafting_organizations",
    "full_list_denial",
    "import_roots",
    "is_followed",
    "managed_users",
    "may_act_on",
    "may_administer",
    "may_draft",
    "may_draft_for",
    "may_manage_accounts",
    "may_manage_legal_texts",
    "may_manage_staff",
    "may_see_cluster",
    "meeting_denial",
    "own_plans",
    "personal_data_units",
    "register_keepers",
    "registering_bodies",
    "registering_units",
    "registration_closes",
    "registration_list_denial",
    "registration_open",
    "require",
    "require_account_manager",
    "require_drafter",
    "require_legal_text_manager",
    "require_province_admin",
    "require_staff_admin",
    "review_body",
    "review_denial",
    "review_issuers",
    "scope_of",
    "sees_drafts",
    "sees_every_plan",
    "sees_province_overview",
    "subtree_ids",
    "units_without_account",
    "users_acting",
    "visible_plans",
    "visible_reviews",
    "waiting_units",
]
