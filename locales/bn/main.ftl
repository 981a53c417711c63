# Praxis — বাংলা (ইংরেজি রেফারেন্স ফাইলের অনুবাদ; এই ফাইলে হুবহু একই বার্তাগুলো আছে)।
# দ্বিতীয় বন্ধনীর ভেতরের চলকগুলো প্রোগ্রাম পূরণ করে; অনুবাদে সেগুলো অপরিবর্তিত রাখুন।

app-tagline = মানব পাচার ও অভিবাসী চোরাচালানের বিরুদ্ধে একটি সমন্বিত প্ল্যাটফর্ম
footer = Praxis: কেবল প্রয়োজনভিত্তিক প্রবেশাধিকার; প্রতিটি পরিবর্তন নথিভুক্ত হয়
skip-to-content = মূল বিষয়বস্তুতে যান

## নেভিগেশন
nav-label = প্রধান মেনু
nav-home = হোম
nav-cases = মামলা
nav-flows = আর্থিক প্রবাহ
nav-entities = সত্তা
nav-cooperation = সহযোগিতা
nav-programme = কর্মসূচি
nav-protection = সুরক্ষা
nav-community = কমিউনিটি
nav-admin = প্রশাসন
nav-soon = পরবর্তী সংস্করণে আসছে
nav-account = আমার অ্যাকাউন্ট
nav-profile = প্রোফাইল
nav-password = পাসওয়ার্ড
nav-totp = দুই ধাপের যাচাইকরণ
nav-tokens = অ্যাক্সেস টোকেন

## ভাষা
language = ভাষা
language-change = পরিবর্তন করুন

## লগইন
login-title = Praxis-এ সাইন ইন করুন
login-submit = সাইন ইন
login-failed = লগইন নাম বা পাসওয়ার্ড সঠিক নয়।
login-throttled = অনেকবার ব্যর্থ চেষ্টা হয়েছে। { $minutes } মিনিট পরে আবার চেষ্টা করুন।
logout = সাইন আউট

## দ্বিতীয় ধাপ
totp-title = দুই ধাপের যাচাইকরণ
totp-explain = আপনার অথেনটিকেটর অ্যাপ থেকে ছয় অঙ্কের কোডটি লিখুন।
totp-recovery-hint = ফোন হারিয়ে গেছে? এর পরিবর্তে আপনার রিকভারি কোডগুলোর একটি লিখুন।
totp-submit = যাচাই করুন
totp-failed = কোডটি সঠিক নয়।
totp-setup = দুই ধাপের যাচাইকরণ সেট আপ করুন
totp-why = আপনার পাসওয়ার্ড চুরি হয়ে গেলেও দ্বিতীয় ধাপটি আপনার দেখার অনুমতি থাকা রেকর্ডগুলো সুরক্ষিত রাখে।
totp-required = আপনার ভূমিকার জন্য দুই ধাপের যাচাইকরণ বাধ্যতামূলক। চালিয়ে যেতে এটি সেট আপ করুন।
totp-step-scan = একটি অথেনটিকেটর অ্যাপ দিয়ে এই কোডটি স্ক্যান করুন (অথবা নিচের গোপন কী টাইপ করুন)।
totp-step-code = অ্যাপে দেখানো ছয় অঙ্কের কোডটি লিখুন।
totp-qr-alt = আপনার অথেনটিকেটর অ্যাপের জন্য QR কোড
totp-secret = গোপন কী:
totp-confirm = নিশ্চিত করুন
totp-codes-title = আপনার রিকভারি কোড
totp-codes-once = এই কোডগুলো লিখে রাখুন এবং নিরাপদে সংরক্ষণ করুন। প্রতিটি কোড কেবল একবার কাজ করে। এগুলো আর দেখানো হবে না।
totp-recovery-left = অব্যবহৃত রিকভারি কোড: { $count }
totp-recovery-new = নতুন রিকভারি কোড তৈরি করুন
totp-disable = দুই ধাপের যাচাইকরণ বন্ধ করুন

## হোম
home-title = হোম
home-welcome = স্বাগতম, { $name }
home-you = আপনি
home-security = নিরাপত্তা
home-totp-on = দুই ধাপের যাচাইকরণ চালু আছে।
home-totp-off = দুই ধাপের যাচাইকরণ বন্ধ আছে।
home-tokens = সক্রিয় অ্যাক্সেস টোকেন: { $count }
home-coming = শীঘ্রই আসছে
home-coming-explain = মামলা, আর্থিক প্রবাহ, সত্তা, সহযোগিতার অনুরোধ, কর্মসূচি, সুরক্ষা এবং কমিউনিটি অব প্র্যাকটিস আসন্ন সংস্করণগুলোতে যুক্ত হবে।

## ফিল্ড
field-username = লগইন নাম
field-password = পাসওয়ার্ড
field-current_password = বর্তমান পাসওয়ার্ড
field-new_password = নতুন পাসওয়ার্ড
field-confirm = নতুন পাসওয়ার্ড, আবার
field-code = কোড
field-name = নাম
field-display_name = প্রদর্শিত নাম
field-email = ই-মেইল
field-organisation = সংস্থা
field-org_id = সংস্থা
field-jurisdiction = এখতিয়ার
field-kind = ধরন
field-roles = ভূমিকা
field-status = অবস্থা
field-created = তৈরির সময়
field-expires = মেয়াদ শেষ
field-expires_in_days = মেয়াদ (দিন)
field-disabled = নিষ্ক্রিয়
field-time = সময়
field-actor = কে
field-action = কার্যক্রম
field-object = রেকর্ড
field-outcome = ফলাফল
field-locale = ভাষা
field-totp = দুই ধাপের যাচাইকরণ
field-database = ডেটাবেস

## ভূমিকা
role-administrator = প্রশাসক
role-investigator = তদন্তকারী কর্মকর্তা
role-financial_analyst = আর্থিক বিশ্লেষক
role-prosecutor = প্রসিকিউটর
role-adviser = উপদেষ্টা
role-programme_officer = কর্মসূচি কর্মকর্তা
role-focal_point = ফোকাল পয়েন্ট
role-caseworker = ভুক্তভোগী সেবা কেসওয়ার্কার
role-trainer = প্রশিক্ষক
role-viewer = দর্শক
role-oversight = তদারকি

## সংস্থার ধরন
org-kind-police = পুলিশ বা আইন প্রয়োগকারী সংস্থা
org-kind-prosecution = প্রসিকিউশন সার্ভিস
org-kind-judiciary = বিচার বিভাগ
org-kind-fiu = ফাইন্যান্সিয়াল ইন্টেলিজেন্স ইউনিট
org-kind-ministry = মন্ত্রণালয়
org-kind-national_committee = জাতীয় কমিটি
org-kind-border_agency = সীমান্ত সংস্থা
org-kind-ngo = বেসরকারি সংস্থা (এনজিও)
org-kind-international = আন্তর্জাতিক সংস্থা
org-kind-other = অন্যান্য
org-operator = Praxis পরিচালনাকারী সংস্থা

## প্রশাসন
admin-users = ব্যবহারকারী
admin-orgs = সংস্থা
admin-audit = অডিট লগ
org-new = নতুন সংস্থা
org-edit = সংস্থা সম্পাদনা করুন
user-new = নতুন ব্যবহারকারী
user-roles = ভূমিকা
user-access = প্রবেশাধিকার
user-disable = অ্যাকাউন্ট নিষ্ক্রিয় করুন
user-enable = অ্যাকাউন্ট সক্রিয় করুন
user-reset-password = নতুন পাসওয়ার্ড নির্ধারণ করুন
user-reset-totp = দুই ধাপের যাচাইকরণ বন্ধ করুন
users-none-visible = আপনার দেখার অনুমতি আছে এমন কোনো ব্যবহারকারী নেই।
username-hint = ৩ থেকে ৬৪ অক্ষর: ইংরেজি বর্ণ a–z, অঙ্ক, '.', '_' অথবা '-'।
password-rules = কমপক্ষে ১২ অক্ষর, এবং কোনো প্রচলিত পাসওয়ার্ড নয়। কয়েকটি সম্পর্কহীন শব্দ দিয়ে গঠিত একটি বাক্যাংশ ভালো কাজ করে।
jurisdiction-hint = একটি দেশের কোড (PK) অথবা একটি প্রদেশ বা অঞ্চলের কোড (PK-PB)।
status-active = সক্রিয়
status-disabled = নিষ্ক্রিয়
status-on = চালু
status-off = বন্ধ
all = সব
filter = ফিল্টার
create = তৈরি করুন
save = সংরক্ষণ করুন
continue = চালিয়ে যান
older = পুরোনো এন্ট্রি

## অডিট
audit-explain = প্রতিটি পরিবর্তন, প্রতিটি সাইন-ইন প্রচেষ্টা এবং সুরক্ষিত রেকর্ডের প্রতিটি পঠন, ক্রমানুসারে। প্রতিটি এন্ট্রি তার আগের এন্ট্রির সঙ্গে শৃঙ্খলে যুক্ত, ফলে কোনো এন্ট্রি অগোচরে পরিবর্তন বা মুছে ফেলা যায় না।
audit-verify = শৃঙ্খল যাচাই করুন
audit-intact = শৃঙ্খলটি অক্ষত আছে: { $count }টি এন্ট্রি।
audit-broken = শৃঙ্খলটি { $seq } নম্বর এন্ট্রিতে ভেঙে গেছে: { $reason }
audit-head = সর্বশেষ হ্যাশ:
audit-system = কমান্ড লাইন

## টোকেন
tokens-explain = যেসব প্রোগ্রাম Praxis API ব্যবহার করে, সেগুলো একটি ব্যক্তিগত অ্যাক্সেস টোকেন দিয়ে সাইন ইন করে। টোকেনকে পাসওয়ার্ডের মতোই গুরুত্ব দিয়ে গোপন রাখুন।
tokens-none = আপনার কোনো অ্যাক্সেস টোকেন নেই।
tokens-new = নতুন টোকেন
tokens-create = টোকেন তৈরি করুন
tokens-created = আপনার নতুন টোকেন
tokens-once = এখনই এটি কপি করুন: এটি আর দেখানো হবে না।
tokens-prefix = শুরুর অংশ
tokens-active = সক্রিয়
tokens-revoked = প্রত্যাহৃত
tokens-revoke = প্রত্যাহার করুন

## বিজ্ঞপ্তি
done-saved = সংরক্ষিত হয়েছে।
done-created = তৈরি হয়েছে।
done-password = আপনার পাসওয়ার্ড পরিবর্তন করা হয়েছে। আপনার অন্যান্য সেশন শেষ করা হয়েছে।

## ত্রুটি
error-title = কিছু একটা সমস্যা হয়েছে
error-field = { $field }: { $message }
error-internal = সার্ভারে একটি সমস্যা হয়েছে। এটি লগ করা হয়েছে; অনুগ্রহ করে আবার চেষ্টা করুন।
error-denied = আপনার এটি করার অনুমতি নেই
error-not-found = পাওয়া যায়নি।
error-unauthenticated = অনুগ্রহ করে সাইন ইন করুন।
error-csrf = এই ফর্মের মেয়াদ শেষ হয়ে গেছে অথবা এটি Praxis থেকে আসেনি। ফিরে যান, পৃষ্ঠাটি আবার লোড করুন এবং আবার চেষ্টা করুন।

## আর্থিক প্রবাহ
flows-datasets = ডেটাসেট
flows-none = এখনও কোনো ডেটাসেট নেই।
flows-import = লেনদেন আমদানি করুন
flows-import-explain = ব্যাংক বিবরণী, অর্থ স্থানান্তরের তালিকা, হুন্ডি/হাওলার খাতা ও প্রতিবেদন সারি ধরে ধরে পড়া হয়। কোনো ফাইলে অপাঠযোগ্য সারি থাকলে পুরো ফাইলটিই প্রত্যাখ্যান করা হয় এবং প্রতিটি ত্রুটিপূর্ণ সারি উল্লেখ করা হয়, যদি না আপনি এমন সারিগুলো বাদ দেওয়ার বিকল্প বেছে নেন। ফাইলগুলো যেভাবে পাওয়া গেছে সেভাবেই, প্রতিটির SHA-256-সহ সংরক্ষণ করা হয়।
flows-format = ফরম্যাট
flows-files = ফাইল
flows-skip-bad = অপাঠযোগ্য সারি বাদ দিন (প্রতিটির তালিকা দেওয়া হবে)
flows-bad-rows = { $count }টি অপাঠযোগ্য সারি
flows-imported = { $count }টি লেনদেন আমদানি করা হয়েছে।
flows-transactions = লেনদেন
flows-accounts = অ্যাকাউন্ট
flows-period = সময়কাল
flows-currency = মুদ্রা
flows-quality = আমদানি
flows-quality-figures = { $skipped }টি সারি বাদ দেওয়া হয়েছে, { $duplicates }টি ডুপ্লিকেট একবার গণনা করা হয়েছে
flows-sources = প্রাপ্ত ফাইল
flows-trace = অর্থ অনুসরণ
flows-rank = গুরুত্বপূর্ণ অংশগ্রহণকারী
flows-seeds = সূচনা অ্যাকাউন্ট
flows-seed-txs = সূচনা লেনদেন
flows-direction = দিক
flows-forward = সামনের দিকে: অর্থ কোথায় গেছে
flows-backward = পেছনের দিকে: অর্থ কোথা থেকে এসেছে
flows-rule = নিয়ম
flows-from = শুরু (অন্তর্ভুক্ত)
flows-to = শেষ (অন্তর্ভুক্ত নয়)
flows-max-hops = সর্বোচ্চ ধাপ
flows-min-amount = অনুসরণযোগ্য সর্বনিম্ন অঙ্ক
flows-stops = যেসব অ্যাকাউন্টে থামবে
flows-run-trace = অনুসরণ করুন
flows-trace-title = { $rule } নিয়ম অনুযায়ী অনুসরণ
flows-trace-summary = { $accounts }টি অ্যাকাউন্টে পৌঁছানো গেছে; প্রারম্ভিক দূষিত অর্থ: { $tainted }; গণনায় সময় লেগেছে { $ms } মিলিসেকেন্ড।
flows-diagram-title = অর্থপ্রবাহ — { $rule } — { $currency }
flows-more = আরও অ্যাকাউন্ট
flows-account = অ্যাকাউন্ট
flows-hops = ধাপ
flows-received = প্রাপ্ত ({ $rule })
flows-remaining = এখনও অ্যাকাউন্টে আছে
flows-first-arrival = প্রথম পৌঁছানো
flows-path = সবচেয়ে আগের পথ
flows-seed = সূচনা
flows-stop = থামা
flows-truncated = মোট { $count }টি অ্যাকাউন্টের মধ্যে প্রথম 500টি দেখানো হয়েছে।
rule-fifo = FIFO (ক্লেটনস কেস নীতি)
rule-lifo = LIFO
rule-libr = LIBR (সর্বনিম্ন মধ্যবর্তী স্থিতির নিয়ম)
rule-pro-rata = আনুপাতিক বণ্টন (হেয়ারকাট)
rule-poison = সম্পূর্ণ দূষণ (Poison)
rank-by = ক্রম নির্ধারণের ভিত্তি
rank-pagerank = PageRank (অঙ্ক অনুযায়ী ভারযুক্ত)
rank-authority = অথরিটি (HITS)
rank-hub = হাব (HITS)
rank-net = নিট জমা
rank-flow-through = অতিক্রমী প্রবাহ
rank-in = আগত
rank-out = বহির্গামী
rank-counterparties = প্রতিপক্ষ: আগত / বহির্গামী
rank-explain = PageRank ও HITS প্রতিটি অর্থপ্রদানকে তার অঙ্ক অনুযায়ী ভার দেয়। নিট জমা হলো আগত অর্থ থেকে বহির্গামী অর্থ বিয়োগ করে পাওয়া অঙ্ক: অর্থ শেষ পর্যন্ত কোথায় গিয়ে জমা হয়। অতিক্রমী প্রবাহ হলো আগত ও বহির্গামী অর্থের মধ্যে যেটি কম: যে অর্থ অ্যাকাউন্টের মধ্য দিয়ে চলে যায়।
field-format = ফরম্যাট
field-files = ফাইল
field-seeds = সূচনা অ্যাকাউন্ট
field-rule = নিয়ম
field-direction = দিক
field-from = শুরু
field-to = শেষ
field-max_hops = সর্বোচ্চ ধাপ
field-min_amount = অনুসরণযোগ্য সর্বনিম্ন অঙ্ক
field-by = ক্রম নির্ধারণের ভিত্তি
flows-alerts = সতর্কবার্তা
flows-scan-explain = স্ক্যানটি মানি লন্ডারিং, মানব পাচার ও অভিবাসী চোরাচালানের সেইসব ধরন খোঁজে, যা লেনদেনে প্রকাশ পেতে পারে। প্রতিটি সতর্কবার্তায় সংশ্লিষ্ট অ্যাকাউন্ট ও লেনদেন, যে নিয়মটি সক্রিয় হয়েছে এবং তার পেছনের সংখ্যাগুলো দেখানো হয়। সীমাগুলোর নথিভুক্ত পূর্বনির্ধারিত মান রয়েছে।
flows-typologies = যেসব ধরন খোঁজা হবে
flows-typology = ধরন
flows-threshold = রিপোর্টিং সীমা
flows-run-scan = স্ক্যান করুন
flows-scan-running = স্ক্যান চলছে… বর্তমান ধাপ: { $step }
flows-alerts-found = { $count }টি সতর্কবার্তা, সবচেয়ে জোরালোটি প্রথমে
flows-score = স্কোর { $score }
flows-rule-fired = যে নিয়মটি সক্রিয় হয়েছে:
flows-alert-transactions = { $count }টি লেনদেন
typology-fan_in = বহু অ্যাকাউন্ট থেকে একটিতে একত্রীকরণ (ফ্যান-ইন)
typology-fan_out = একটি অ্যাকাউন্ট থেকে বহু অ্যাকাউন্টে বিতরণ (ফ্যান-আউট)
typology-cycle = চক্রাকার লেনদেন বা রাউন্ড-ট্রিপিং
typology-scatter_gather = প্রথমে ছড়িয়ে দেওয়া, পরে একত্রীকরণ
typology-gather_scatter = প্রথমে একত্রীকরণ, পরে ছড়িয়ে দেওয়া
typology-pass_through = অর্থের দ্রুত অতিক্রমণ
typology-structuring = স্ট্রাকচারিং (রিপোর্টিং সীমা এড়াতে লেনদেন বিভাজন)
typology-remittance_funnel = বহু প্রেরকের কাছ থেকে রেমিট্যান্স (MS1)
typology-controller_account = নিয়ন্ত্রণকারী ব্যক্তির অ্যাকাউন্ট (HT1)
typology-pooled_wages = একটি অ্যাকাউন্টে একাধিক শ্রমিকের মজুরি (HT6)
typology-hawala_settlement = হুন্ডি (হাওলা) নিষ্পত্তি (MS3)
field-typologies = ধরন
field-min_score = সর্বনিম্ন স্কোর
field-structuring_threshold = রিপোর্টিং সীমা
flows-own-account = বিবরণীর নিজস্ব অ্যাকাউন্ট
flows-own-account-hint = ব্যাংক বিবরণীর ক্ষেত্রে: যে অ্যাকাউন্টের বিবরণী, সেই অ্যাকাউন্ট নম্বর।
flows-time-zone = ফাইলে থাকা সময়গুলোর টাইম জোন
field-account = বিবরণীর নিজস্ব অ্যাকাউন্ট
field-time_zone = টাইম জোন
field-profile = প্রোফাইল
