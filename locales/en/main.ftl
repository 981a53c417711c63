# Praxis — English (the reference language: every other file has exactly these messages).
# Placeables in { $braces } are filled in by the program; keep them in translations.

app-tagline = One platform against human trafficking and migrant smuggling
footer = Praxis: need-to-know access; every change is recorded
skip-to-content = Skip to content

## Navigation
nav-label = Main
nav-home = Home
nav-cases = Cases
nav-flows = Financial flows
nav-entities = Entities
nav-cooperation = Cooperation
nav-programme = Programme
nav-protection = Protection
nav-community = Community
nav-admin = Administration
nav-soon = Coming in a later release
nav-account = My account
nav-profile = Profile
nav-password = Password
nav-totp = Two-step sign-in
nav-tokens = Access tokens

## Language
language = Language
language-change = Change

## Login
login-title = Sign in to Praxis
login-submit = Sign in
login-failed = The login name or password is not correct.
login-throttled = Too many failed attempts. Try again in { $minutes } minutes.
logout = Sign out

## Second factor
totp-title = Two-step sign-in
totp-explain = Enter the six-digit code from your authenticator app.
totp-recovery-hint = Lost your phone? Enter one of your recovery codes instead.
totp-submit = Verify
totp-failed = The code is not correct.
totp-setup = Set up two-step sign-in
totp-why = A second step protects the records you can see even if your password is stolen.
totp-required = Your role requires two-step sign-in. Set it up to continue.
totp-step-scan = Scan this code with an authenticator app (or type the secret below).
totp-step-code = Enter the six-digit code the app shows.
totp-qr-alt = QR code for your authenticator app
totp-secret = Secret:
totp-confirm = Confirm
totp-codes-title = Your recovery codes
totp-codes-once = Write these codes down and keep them safe. Each works once. They will not be shown again.
totp-recovery-left = Unused recovery codes: { $count }
totp-recovery-new = Make new recovery codes
totp-disable = Turn off two-step sign-in

## Home
home-title = Home
home-welcome = Welcome, { $name }
home-you = You
home-security = Security
home-totp-on = Two-step sign-in is on.
home-totp-off = Two-step sign-in is off.
home-tokens = Active access tokens: { $count }
home-coming = Coming next
home-coming-explain = Cases, financial flows, entities, cooperation requests, the programme, protection and the community of practice arrive in the coming releases.

## Fields
field-username = Login name
field-password = Password
field-current_password = Current password
field-new_password = New password
field-confirm = New password, again
field-code = Code
field-name = Name
field-display_name = Name shown
field-email = E-mail
field-organisation = Organisation
field-org_id = Organisation
field-jurisdiction = Jurisdiction
field-kind = Kind
field-roles = Roles
field-status = Status
field-created = Created
field-expires = Expires
field-expires_in_days = Valid for (days)
field-disabled = Disabled
field-time = Time
field-actor = Who
field-action = Action
field-object = Record
field-outcome = Outcome
field-locale = Language
field-totp = Two-step sign-in
field-database = Database

## Roles
role-administrator = Administrator
role-investigator = Investigator
role-financial_analyst = Financial analyst
role-prosecutor = Prosecutor
role-adviser = Adviser
role-programme_officer = Programme officer
role-focal_point = Focal point
role-caseworker = Victim-service caseworker
role-trainer = Trainer
role-viewer = Viewer
role-oversight = Oversight

## Kinds of organisation
org-kind-police = Police or law enforcement
org-kind-prosecution = Prosecution service
org-kind-judiciary = Judiciary
org-kind-fiu = Financial intelligence unit
org-kind-ministry = Ministry
org-kind-national_committee = National committee
org-kind-border_agency = Border agency
org-kind-ngo = Non-governmental organisation
org-kind-international = International organisation
org-kind-other = Other
org-operator = operates Praxis

## Administration
admin-users = Users
admin-orgs = Organisations
admin-audit = Audit log
org-new = New organisation
org-edit = Edit organisation
user-new = New user
user-roles = Roles
user-access = Access
user-disable = Disable account
user-enable = Enable account
user-reset-password = Set new password
user-reset-totp = Turn off two-step sign-in
users-none-visible = No users you may see.
username-hint = 3 to 64 characters: letters a–z, digits, '.', '_' or '-'.
password-rules = At least 12 characters, and not a common password. A phrase of several unrelated words works well.
jurisdiction-hint = A country code (PK) or a province or region code (PK-PB).
status-active = Active
status-disabled = Disabled
status-on = On
status-off = Off
all = All
filter = Filter
create = Create
save = Save
continue = Continue
older = Older entries

## Audit
audit-explain = Every change, every sign-in attempt and every reading of a protected record, in order. Each entry is chained to the one before it, so that no entry can be changed or removed unnoticed.
audit-verify = Verify the chain
audit-intact = The chain is intact: { $count } entries.
audit-broken = The chain is broken at entry { $seq }: { $reason }
audit-head = Last hash:
audit-system = command line

## Tokens
tokens-explain = Programs that use the Praxis API sign in with a personal access token. Treat a token like a password.
tokens-none = You have no access tokens.
tokens-new = New token
tokens-create = Create token
tokens-created = Your new token
tokens-once = Copy it now: it will not be shown again.
tokens-prefix = Begins with
tokens-active = Active
tokens-revoked = Revoked
tokens-revoke = Revoke

## Notices
done-saved = Saved.
done-created = Created.
done-password = Your password has been changed. Your other sessions have ended.

## Errors
error-title = Something is not right
error-field = { $field }: { $message }
error-internal = Something went wrong on the server. It has been logged; please try again.
error-denied = You may not do this
error-not-found = Not found.
error-unauthenticated = Please sign in.
error-csrf = This form has expired or did not come from Praxis. Go back, reload the page and try again.

## Financial flows
flows-datasets = Datasets
flows-none = No datasets yet.
flows-import = Import transactions
flows-import-explain = Bank statements, transfer lists, hawala ledgers and reports are read row by row. A file with an unreadable row is refused whole, with every bad row named, unless you choose to leave such rows out. Files are kept as received, with their SHA-256.
flows-format = Format
flows-files = Files
flows-skip-bad = Leave out unreadable rows (each is listed)
flows-bad-rows = { $count } unreadable rows
flows-imported = { $count } transactions imported.
flows-transactions = Transactions
flows-accounts = Accounts
flows-period = Period
flows-currency = Currency
flows-quality = Import
flows-quality-figures = { $skipped } rows left out, { $duplicates } duplicates counted once
flows-sources = Files received
flows-trace = Trace
flows-rank = Key players
flows-seeds = Seed accounts
flows-seed-txs = Seed transactions
flows-direction = Direction
flows-forward = Forward: where the money went
flows-backward = Backward: where the money came from
flows-rule = Rule
flows-from = From (included)
flows-to = To (excluded)
flows-max-hops = Hops at most
flows-min-amount = Smallest amount followed
flows-stops = Stop at accounts
flows-run-trace = Trace
flows-trace-title = Trace under { $rule }
flows-trace-summary = { $accounts } accounts reached; tainted in: { $tainted }; computed in { $ms } ms.
flows-diagram-title = Money flow — { $rule } — { $currency }
flows-more = more accounts
flows-account = Account
flows-hops = Hops
flows-received = Received ({ $rule })
flows-remaining = Still held
flows-first-arrival = First reached
flows-path = Earliest path
flows-seed = seed
flows-stop = stop
flows-truncated = The first 500 of { $count } accounts are shown.
rule-fifo = FIFO (Clayton's Case)
rule-lifo = LIFO
rule-libr = LIBR (lowest intermediate balance)
rule-pro-rata = Pro-rata (haircut)
rule-poison = Poison
rank-by = Rank by
rank-pagerank = PageRank (amount-weighted)
rank-authority = Authority (HITS)
rank-hub = Hub (HITS)
rank-net = Net accumulation
rank-flow-through = Flow-through
rank-in = In
rank-out = Out
rank-counterparties = Counterparties in / out
rank-explain = PageRank and HITS weigh each payment by its amount. Net accumulation is money in minus money out: where money ends up. Flow-through is the smaller of money in and out: money passing through.
field-format = Format
field-files = Files
field-seeds = Seeds
field-rule = Rule
field-direction = Direction
field-from = From
field-to = To
field-max_hops = Hops at most
field-min_amount = Smallest amount followed
field-by = Rank by
flows-alerts = Alerts
flows-scan-explain = The scan looks for the patterns of laundering, trafficking and smuggling that transactions can show. Each alert shows its accounts and transactions, the rule that fired and the figures behind it. Thresholds have documented defaults.
flows-typologies = Patterns to look for
flows-typology = Pattern
flows-threshold = Reporting threshold
flows-run-scan = Scan
flows-scan-running = Scanning… now: { $step }
flows-alerts-found = { $count } alerts, strongest first
flows-score = score { $score }
flows-rule-fired = Rule that fired:
flows-alert-transactions = { $count } transactions
typology-fan_in = Fan-in
typology-fan_out = Fan-out
typology-cycle = Cycle or round-tripping
typology-scatter_gather = Scatter-gather
typology-gather_scatter = Gather-scatter
typology-pass_through = Rapid pass-through
typology-structuring = Structuring
typology-remittance_funnel = Remittances from many senders (MS1)
typology-controller_account = Controller account (HT1)
typology-pooled_wages = Several workers' wages in one account (HT6)
typology-hawala_settlement = Hawala settlement (MS3)
field-typologies = Patterns
field-min_score = Lowest score
field-structuring_threshold = Reporting threshold
flows-own-account = The statement's own account
flows-own-account-hint = For a bank statement: the account number the statement is for.
flows-time-zone = Time zone of the times in the files
field-account = The statement's own account
field-time_zone = Time zone
field-profile = Profile
