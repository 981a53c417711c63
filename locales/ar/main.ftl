# Praxis — العربية (ترجمة للملف المرجعي الإنجليزي: يحتوي هذا الملف على الرسائل نفسها تمامًا).
# العناصر النائبة بين الأقواس المعقوفة يملؤها البرنامج؛ يجب الإبقاء عليها في الترجمة.

app-tagline = منصة واحدة لمكافحة الاتجار بالأشخاص وتهريب المهاجرين
footer = Praxis: الوصول على أساس الحاجة إلى المعرفة؛ ويُسجَّل كل تغيير
skip-to-content = الانتقال إلى المحتوى

## التنقل
nav-label = القائمة الرئيسية
nav-home = الصفحة الرئيسية
nav-cases = القضايا
nav-flows = التدفقات المالية
nav-entities = الكيانات
nav-cooperation = التعاون
nav-programme = البرنامج
nav-protection = الحماية
nav-community = المجتمع
nav-admin = الإدارة
nav-soon = سيتوفر في إصدار لاحق
nav-account = حسابي
nav-profile = الملف الشخصي
nav-password = كلمة المرور
nav-totp = المصادقة الثنائية
nav-tokens = رموز الوصول

## اللغة
language = اللغة
language-change = تغيير

## تسجيل الدخول
login-title = تسجيل الدخول إلى Praxis
login-submit = تسجيل الدخول
login-failed = اسم المستخدم أو كلمة المرور غير صحيحة.
login-throttled = محاولات فاشلة كثيرة جدًا. حاول مرة أخرى بعد { $minutes } دقيقة.
logout = تسجيل الخروج

## العامل الثاني
totp-title = المصادقة الثنائية
totp-explain = أدخل الرمز المكوّن من ستة أرقام من تطبيق المصادقة.
totp-recovery-hint = هل فقدت هاتفك؟ أدخل أحد رموز الاسترداد الخاصة بك بدلًا من ذلك.
totp-submit = تحقّق
totp-failed = الرمز غير صحيح.
totp-setup = إعداد المصادقة الثنائية
totp-why = تحمي الخطوة الثانية السجلات التي يمكنك الاطلاع عليها حتى لو سُرقت كلمة المرور الخاصة بك.
totp-required = يتطلب دورك تفعيل المصادقة الثنائية. قم بإعدادها للمتابعة.
totp-step-scan = امسح هذا الرمز باستخدام تطبيق مصادقة (أو اكتب المفتاح السري أدناه).
totp-step-code = أدخل الرمز المكوّن من ستة أرقام الذي يعرضه التطبيق.
totp-qr-alt = رمز QR لتطبيق المصادقة الخاص بك
totp-secret = المفتاح السري:
totp-confirm = تأكيد
totp-codes-title = رموز الاسترداد الخاصة بك
totp-codes-once = دوِّن هذه الرموز واحفظها في مكان آمن. يصلح كل رمز لمرة واحدة فقط، ولن تُعرض مرة أخرى.
totp-recovery-left = رموز الاسترداد غير المستخدمة: { $count }
totp-recovery-new = إنشاء رموز استرداد جديدة
totp-disable = إيقاف المصادقة الثنائية

## الصفحة الرئيسية
home-title = الصفحة الرئيسية
home-welcome = مرحبًا، { $name }
home-you = أنت
home-security = الأمان
home-totp-on = المصادقة الثنائية مفعّلة.
home-totp-off = المصادقة الثنائية غير مفعّلة.
home-tokens = رموز الوصول النشطة: { $count }
home-coming = قريبًا
home-coming-explain = ستتوفر القضايا والتدفقات المالية والكيانات وطلبات التعاون والبرنامج والحماية ومجتمع الممارسة في الإصدارات القادمة.

## الحقول
field-username = اسم المستخدم
field-password = كلمة المرور
field-current_password = كلمة المرور الحالية
field-new_password = كلمة المرور الجديدة
field-confirm = كلمة المرور الجديدة مرة أخرى
field-code = الرمز
field-name = الاسم
field-display_name = الاسم المعروض
field-email = البريد الإلكتروني
field-organisation = الجهة
field-org_id = الجهة
field-jurisdiction = الولاية القضائية
field-kind = النوع
field-roles = الأدوار
field-status = الحالة
field-created = تاريخ الإنشاء
field-expires = تاريخ الانتهاء
field-expires_in_days = مدة الصلاحية (بالأيام)
field-disabled = معطّل
field-time = الوقت
field-actor = المنفِّذ
field-action = الإجراء
field-object = السجل
field-outcome = النتيجة
field-locale = اللغة
field-totp = المصادقة الثنائية
field-database = قاعدة البيانات

## الأدوار
role-administrator = مسؤول النظام
role-investigator = محقق
role-financial_analyst = محلل مالي
role-prosecutor = مدعٍ عام
role-adviser = مستشار
role-programme_officer = موظف برامج
role-focal_point = جهة تنسيق
role-caseworker = مسؤول حالات في خدمات الضحايا
role-trainer = مدرّب
role-viewer = مُطّلِع
role-oversight = الرقابة

## أنواع الجهات
org-kind-police = الشرطة أو جهة إنفاذ القانون
org-kind-prosecution = النيابة العامة
org-kind-judiciary = السلطة القضائية
org-kind-fiu = وحدة الاستخبارات المالية
org-kind-ministry = وزارة
org-kind-national_committee = لجنة وطنية
org-kind-border_agency = هيئة حدودية
org-kind-ngo = منظمة غير حكومية
org-kind-international = منظمة دولية
org-kind-other = أخرى
org-operator = الجهة المشغِّلة لـ Praxis

## الإدارة
admin-users = المستخدمون
admin-orgs = الجهات
admin-audit = سجل التدقيق
org-new = جهة جديدة
org-edit = تعديل الجهة
user-new = مستخدم جديد
user-roles = الأدوار
user-access = صلاحيات الوصول
user-disable = تعطيل الحساب
user-enable = تفعيل الحساب
user-reset-password = تعيين كلمة مرور جديدة
user-reset-totp = إيقاف المصادقة الثنائية
users-none-visible = لا يوجد مستخدمون يُسمح لك برؤيتهم.
username-hint = من 3 إلى 64 حرفًا: الأحرف اللاتينية a–z أو الأرقام أو '.' أو '_' أو '-'.
password-rules = 12 حرفًا على الأقل، على ألّا تكون كلمة مرور شائعة. تُعدّ العبارة المكوّنة من عدة كلمات غير مترابطة خيارًا جيدًا.
jurisdiction-hint = رمز بلد (PK) أو رمز مقاطعة أو إقليم (PK-PB).
status-active = نشط
status-disabled = معطّل
status-on = مفعّل
status-off = غير مفعّل
all = الكل
filter = تصفية
create = إنشاء
save = حفظ
continue = متابعة
older = إدخالات أقدم

## سجل التدقيق
audit-explain = كل تغيير، وكل محاولة لتسجيل الدخول، وكل اطلاع على سجل محمي، بترتيب حدوثها. يرتبط كل إدخال بالإدخال السابق له في سلسلة، بحيث لا يمكن تغيير أي إدخال أو حذفه دون أن يُكتشف ذلك.
audit-verify = التحقق من السلسلة
audit-intact = السلسلة سليمة (عدد الإدخالات: { $count }).
audit-broken = السلسلة منقطعة عند الإدخال رقم { $seq }: { $reason }
audit-head = آخر قيمة تجزئة:
audit-system = سطر الأوامر

## رموز الوصول
tokens-explain = تسجّل البرامج التي تستخدم واجهة برمجة التطبيقات (API) الخاصة بـ Praxis الدخولَ باستخدام رمز وصول شخصي. تعامل مع الرمز كما تتعامل مع كلمة المرور.
tokens-none = ليس لديك أي رموز وصول.
tokens-new = رمز جديد
tokens-create = إنشاء رمز
tokens-created = رمزك الجديد
tokens-once = انسخه الآن: لن يُعرض مرة أخرى.
tokens-prefix = يبدأ بـ
tokens-active = نشط
tokens-revoked = مُلغى
tokens-revoke = إلغاء

## الإشعارات
done-saved = تم الحفظ.
done-created = تم الإنشاء.
done-password = تم تغيير كلمة المرور الخاصة بك، وأُنهيت جلساتك الأخرى.

## الأخطاء
error-title = حدث خطأ ما
error-field = { $field }: { $message }
error-internal = حدث خطأ في الخادم. وقد سُجِّل الخطأ؛ يُرجى المحاولة مرة أخرى.
error-denied = لا يُسمح لك بتنفيذ هذا الإجراء
error-not-found = غير موجود.
error-unauthenticated = يُرجى تسجيل الدخول.
error-csrf = انتهت صلاحية هذا النموذج أو أنه لم يصدر عن Praxis. ارجع إلى الصفحة السابقة، وأعد تحميل الصفحة، ثم حاول مرة أخرى.

## التدفقات المالية
flows-datasets = مجموعات البيانات
flows-none = لا توجد مجموعات بيانات بعد.
flows-import = استيراد المعاملات
flows-import-explain = تُقرأ كشوف الحسابات المصرفية وقوائم التحويلات وسجلات الحوالة والتقارير صفًّا صفًّا. ويُرفض الملف الذي يحتوي على صف غير مقروء بأكمله، مع تحديد كل صف معيب، ما لم تختر استبعاد هذه الصفوف. وتُحفظ الملفات كما وردت، مع بصمة SHA-256 الخاصة بكل منها.
flows-format = الصيغة
flows-files = الملفات
flows-skip-bad = استبعاد الصفوف غير المقروءة (مع إدراج كل منها في قائمة)
flows-bad-rows = الصفوف غير المقروءة: { $count }
flows-imported = عدد المعاملات المستوردة: { $count }.
flows-transactions = المعاملات
flows-accounts = الحسابات
flows-period = الفترة
flows-currency = العملة
flows-quality = الاستيراد
flows-quality-figures = الصفوف المستبعدة: { $skipped }؛ المعاملات المكررة المحتسبة مرة واحدة: { $duplicates }
flows-sources = الملفات المستلمة
flows-trace = التتبع
flows-rank = الأطراف الرئيسية
flows-seeds = حسابات البدء
flows-seed-txs = معاملات البدء
flows-direction = الاتجاه
flows-forward = أمامي: إلى أين ذهبت الأموال
flows-backward = عكسي: من أين جاءت الأموال
flows-rule = القاعدة
flows-from = من (شاملًا)
flows-to = إلى (غير شامل)
flows-max-hops = الحد الأقصى لعدد المراحل
flows-min-amount = أصغر مبلغ يُتتبَّع
flows-stops = التوقف عند الحسابات
flows-run-trace = تتبُّع
flows-trace-title = التتبع وفق قاعدة { $rule }
flows-trace-summary = الحسابات التي بلغها التتبع: { $accounts }؛ المبلغ الملوَّث عند نقطة البدء: { $tainted }؛ مدة الحساب: { $ms } ملّي ثانية.
flows-diagram-title = تدفق الأموال — { $rule } — { $currency }
flows-more = حسابات أخرى
flows-account = الحساب
flows-hops = المراحل
flows-received = المبلغ المستلَم ({ $rule })
flows-remaining = المتبقي في الحساب
flows-first-arrival = أول وصول
flows-path = المسار الأسبق
flows-seed = نقطة بدء
flows-stop = نقطة توقف
flows-truncated = تُعرض أول 500 حساب من أصل { $count }.
rule-fifo = FIFO (قاعدة قضية كلايتون)
rule-lifo = LIFO
rule-libr = LIBR (قاعدة أدنى رصيد وسيط)
rule-pro-rata = التوزيع التناسبي (التلويث النسبي)
rule-poison = التلويث الكامل (Poison)
rank-by = الترتيب حسب
rank-pagerank = PageRank (مرجَّح بالمبالغ)
rank-authority = المرجعية (HITS)
rank-hub = المحور (HITS)
rank-net = صافي التراكم
rank-flow-through = التدفق العابر
rank-in = الوارد
rank-out = الصادر
rank-counterparties = الأطراف المقابلة: واردة / صادرة
rank-explain = يرجِّح PageRank وHITS كل دفعة بحسب مبلغها. صافي التراكم هو الأموال الواردة مطروحًا منها الأموال الصادرة: أي المكان الذي تستقر فيه الأموال في النهاية. والتدفق العابر هو الأصغر بين الأموال الواردة والصادرة: أي الأموال التي تمر عبر الحساب.
field-format = الصيغة
field-files = الملفات
field-seeds = حسابات البدء
field-rule = القاعدة
field-direction = الاتجاه
field-from = من
field-to = إلى
field-max_hops = الحد الأقصى لعدد المراحل
field-min_amount = أصغر مبلغ يُتتبَّع
field-by = الترتيب حسب
flows-alerts = التنبيهات
flows-scan-explain = يبحث الفحص عن أنماط غسل الأموال والاتجار بالأشخاص وتهريب المهاجرين التي يمكن أن تكشفها المعاملات. ويعرض كل تنبيه الحسابات والمعاملات المعنية، والقاعدة التي أطلقته، والأرقام التي يستند إليها. وللعتبات قيم افتراضية موثَّقة.
flows-typologies = الأنماط المطلوب البحث عنها
flows-typology = النمط
flows-threshold = حد الإبلاغ
flows-run-scan = فحص
flows-scan-running = جارٍ الفحص… الخطوة الحالية: { $step }
flows-alerts-found = التنبيهات: { $count }، مرتبةً من الأقوى إلى الأضعف
flows-score = الدرجة { $score }
flows-rule-fired = القاعدة التي أطلقت التنبيه:
flows-alert-transactions = المعاملات: { $count }
typology-fan_in = التجميع (من حسابات عديدة إلى حساب واحد)
typology-fan_out = التوزيع (من حساب واحد إلى حسابات عديدة)
typology-cycle = الدوران أو التدوير الدائري للأموال
typology-scatter_gather = التشتيت ثم التجميع
typology-gather_scatter = التجميع ثم التشتيت
typology-pass_through = المرور السريع للأموال
typology-structuring = تجزئة المعاملات (لتفادي حد الإبلاغ)
typology-remittance_funnel = تحويلات مالية من عدد كبير من المرسِلين (MS1)
typology-controller_account = حساب الشخص المسيطِر (HT1)
typology-pooled_wages = أجور عدة عمال في حساب واحد (HT6)
typology-hawala_settlement = تسوية حسابات الحوالة (MS3)
field-typologies = الأنماط
field-min_score = أدنى درجة
field-structuring_threshold = حد الإبلاغ
flows-own-account = الحساب الذي يخصه الكشف
flows-own-account-hint = لكشف الحساب المصرفي: رقم الحساب الذي صدر له الكشف.
flows-time-zone = المنطقة الزمنية للأوقات الواردة في الملفات
field-account = الحساب الذي يخصه الكشف
field-time_zone = المنطقة الزمنية
field-profile = نموذج الملف
