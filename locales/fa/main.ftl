# Praxis — فارسی (ترجمهٔ فایل مرجع انگلیسی؛ این فایل دقیقاً همان پیام‌ها را دارد).
# متغیرهای داخل آکولاد را برنامه پر می‌کند؛ آن‌ها را در ترجمه حفظ کنید.

app-tagline = سامانه‌ای واحد برای مقابله با قاچاق انسان و قاچاق مهاجران
footer = Praxis: دسترسی بر اساس نیاز به دانستن؛ هر تغییری ثبت می‌شود
skip-to-content = رفتن به محتوا

## ناوبری
nav-label = منوی اصلی
nav-home = خانه
nav-cases = پرونده‌ها
nav-flows = جریان‌های مالی
nav-entities = موجودیت‌ها
nav-cooperation = همکاری
nav-programme = برنامه
nav-protection = حمایت
nav-community = جامعه
nav-admin = مدیریت
nav-soon = در نسخه‌ای بعدی ارائه می‌شود
nav-account = حساب من
nav-profile = نمایه
nav-password = رمز عبور
nav-totp = احراز هویت دومرحله‌ای
nav-tokens = توکن‌های دسترسی

## زبان
language = زبان
language-change = تغییر

## ورود
login-title = ورود به Praxis
login-submit = ورود
login-failed = نام کاربری یا رمز عبور درست نیست.
login-throttled = تعداد تلاش‌های ناموفق بیش از حد است. { $minutes } دقیقهٔ دیگر دوباره تلاش کنید.
logout = خروج

## عامل دوم
totp-title = احراز هویت دومرحله‌ای
totp-explain = کد شش‌رقمی را از برنامهٔ احراز هویت خود وارد کنید.
totp-recovery-hint = تلفن خود را گم کرده‌اید؟ به‌جای آن یکی از کدهای بازیابی خود را وارد کنید.
totp-submit = بررسی
totp-failed = کد درست نیست.
totp-setup = راه‌اندازی احراز هویت دومرحله‌ای
totp-why = مرحلهٔ دوم از سوابقی که به آن‌ها دسترسی دارید محافظت می‌کند، حتی اگر رمز عبورتان دزدیده شود.
totp-required = نقش شما احراز هویت دومرحله‌ای را الزامی می‌کند. برای ادامه، آن را راه‌اندازی کنید.
totp-step-scan = این کد را با یک برنامهٔ احراز هویت اسکن کنید (یا کلید مخفی زیر را تایپ کنید).
totp-step-code = کد شش‌رقمی‌ای را که برنامه نشان می‌دهد وارد کنید.
totp-qr-alt = کد QR برای برنامهٔ احراز هویت شما
totp-secret = کلید مخفی:
totp-confirm = تأیید
totp-codes-title = کدهای بازیابی شما
totp-codes-once = این کدها را یادداشت کنید و در جای امنی نگه دارید. هر کد فقط یک بار کار می‌کند. این کدها دوباره نمایش داده نمی‌شوند.
totp-recovery-left = کدهای بازیابی استفاده‌نشده: { $count }
totp-recovery-new = ساختن کدهای بازیابی جدید
totp-disable = غیرفعال کردن احراز هویت دومرحله‌ای

## خانه
home-title = خانه
home-welcome = خوش آمدید، { $name }
home-you = شما
home-security = امنیت
home-totp-on = احراز هویت دومرحله‌ای فعال است.
home-totp-off = احراز هویت دومرحله‌ای غیرفعال است.
home-tokens = توکن‌های دسترسی فعال: { $count }
home-coming = به‌زودی
home-coming-explain = پرونده‌ها، جریان‌های مالی، موجودیت‌ها، درخواست‌های همکاری، برنامه، حمایت و جامعهٔ عمل در نسخه‌های آینده اضافه می‌شوند.

## فیلدها
field-username = نام کاربری
field-password = رمز عبور
field-current_password = رمز عبور فعلی
field-new_password = رمز عبور جدید
field-confirm = تکرار رمز عبور جدید
field-code = کد
field-name = نام
field-display_name = نام نمایشی
field-email = ایمیل
field-organisation = سازمان
field-org_id = سازمان
field-jurisdiction = حوزهٔ قضایی
field-kind = نوع
field-roles = نقش‌ها
field-status = وضعیت
field-created = تاریخ ایجاد
field-expires = تاریخ انقضا
field-expires_in_days = مدت اعتبار (روز)
field-disabled = غیرفعال
field-time = زمان
field-actor = انجام‌دهنده
field-action = اقدام
field-object = سابقه
field-outcome = نتیجه
field-locale = زبان
field-totp = احراز هویت دومرحله‌ای
field-database = پایگاه داده

## نقش‌ها
role-administrator = مدیر سامانه
role-investigator = مأمور تحقیق
role-financial_analyst = تحلیلگر مالی
role-prosecutor = دادستان
role-adviser = مشاور
role-programme_officer = کارشناس برنامه
role-focal_point = رابط
role-caseworker = مددکار خدمات قربانیان
role-trainer = مربی
role-viewer = مشاهده‌گر
role-oversight = نظارت

## انواع سازمان
org-kind-police = پلیس یا نهاد مجری قانون
org-kind-prosecution = دادستانی
org-kind-judiciary = قوهٔ قضاییه
org-kind-fiu = واحد اطلاعات مالی
org-kind-ministry = وزارتخانه
org-kind-national_committee = کمیتهٔ ملی
org-kind-border_agency = نهاد مرزبانی
org-kind-ngo = سازمان غیردولتی
org-kind-international = سازمان بین‌المللی
org-kind-other = سایر
org-operator = گردانندهٔ Praxis

## مدیریت
admin-users = کاربران
admin-orgs = سازمان‌ها
admin-audit = سوابق ممیزی
org-new = سازمان جدید
org-edit = ویرایش سازمان
user-new = کاربر جدید
user-roles = نقش‌ها
user-access = دسترسی
user-disable = غیرفعال کردن حساب
user-enable = فعال کردن حساب
user-reset-password = تعیین رمز عبور جدید
user-reset-totp = غیرفعال کردن احراز هویت دومرحله‌ای
users-none-visible = کاربری وجود ندارد که مجاز به دیدن آن باشید.
username-hint = ۳ تا ۶۴ نویسه: حروف لاتین a–z، ارقام، '.'، '_' یا '-'.
password-rules = دست‌کم ۱۲ نویسه، و نه یک رمز عبور رایج. عبارتی از چند واژهٔ نامرتبط انتخاب خوبی است.
jurisdiction-hint = کد کشور (PK) یا کد استان یا منطقه (PK-PB).
status-active = فعال
status-disabled = غیرفعال
status-on = روشن
status-off = خاموش
all = همه
filter = فیلتر
create = ایجاد
save = ذخیره
continue = ادامه
older = موارد قدیمی‌تر

## ممیزی
audit-explain = هر تغییر، هر تلاش برای ورود و هر بار مشاهدهٔ یک سابقهٔ محافظت‌شده، به ترتیب. هر مورد به مورد پیش از خود زنجیر شده است، به‌طوری که هیچ موردی را نمی‌توان بی‌آنکه آشکار شود تغییر داد یا حذف کرد.
audit-verify = بررسی زنجیره
audit-intact = زنجیره سالم است: { $count } مورد.
audit-broken = زنجیره در مورد { $seq } گسسته است: { $reason }
audit-head = آخرین هش:
audit-system = خط فرمان

## توکن‌ها
tokens-explain = برنامه‌هایی که از API سامانهٔ Praxis استفاده می‌کنند، با یک توکن دسترسی شخصی وارد می‌شوند. با توکن مانند رمز عبور رفتار کنید.
tokens-none = هیچ توکن دسترسی‌ای ندارید.
tokens-new = توکن جدید
tokens-create = ایجاد توکن
tokens-created = توکن جدید شما
tokens-once = همین حالا آن را کپی کنید: دوباره نمایش داده نمی‌شود.
tokens-prefix = شروع با
tokens-active = فعال
tokens-revoked = باطل‌شده
tokens-revoke = ابطال

## اعلان‌ها
done-saved = ذخیره شد.
done-created = ایجاد شد.
done-password = رمز عبور شما تغییر کرد. نشست‌های دیگر شما پایان یافت.

## خطاها
error-title = مشکلی پیش آمده است
error-field = { $field }: { $message }
error-internal = خطایی در سرور رخ داد. این خطا ثبت شده است؛ لطفاً دوباره تلاش کنید.
error-denied = شما مجاز به انجام این کار نیستید
error-not-found = یافت نشد.
error-unauthenticated = لطفاً وارد شوید.
error-csrf = این فرم منقضی شده یا از Praxis ارسال نشده است. بازگردید، صفحه را دوباره بارگذاری کنید و دوباره تلاش کنید.

## جریان‌های مالی
flows-datasets = مجموعه‌های داده
flows-none = هنوز هیچ مجموعهٔ داده‌ای وجود ندارد.
flows-import = ورود تراکنش‌ها
flows-import-explain = صورت‌حساب‌های بانکی، فهرست‌های انتقال وجه، دفاتر حواله و گزارش‌ها سطر به سطر خوانده می‌شوند. فایلی که سطر ناخوانا داشته باشد به‌طور کامل رد می‌شود و تک‌تک سطرهای معیوب مشخص می‌شوند، مگر اینکه کنار گذاشتن چنین سطرهایی را انتخاب کنید. فایل‌ها همان‌گونه که دریافت شده‌اند، همراه با SHA-256 خود نگهداری می‌شوند.
flows-format = قالب
flows-files = فایل‌ها
flows-skip-bad = کنار گذاشتن سطرهای ناخوانا (همهٔ آن‌ها فهرست می‌شوند)
flows-bad-rows = { $count } سطر ناخوانا
flows-imported = { $count } تراکنش وارد شد.
flows-transactions = تراکنش‌ها
flows-accounts = حساب‌ها
flows-period = دوره
flows-currency = ارز
flows-quality = ورود داده
flows-quality-figures = { $skipped } سطر کنار گذاشته شد، { $duplicates } مورد تکراری یک بار شمرده شد
flows-sources = فایل‌های دریافتی
flows-trace = ردیابی
flows-rank = بازیگران کلیدی
flows-seeds = حساب‌های شروع
flows-seed-txs = تراکنش‌های شروع
flows-direction = جهت
flows-forward = رو به جلو: پول به کجا رفت
flows-backward = رو به عقب: پول از کجا آمد
flows-rule = قاعده
flows-from = از (شامل)
flows-to = تا (بدون احتساب)
flows-max-hops = حداکثر تعداد گام
flows-min-amount = کمترین مبلغ مورد ردیابی
flows-stops = توقف در حساب‌ها
flows-run-trace = ردیابی
flows-trace-title = ردیابی بر پایهٔ { $rule }
flows-trace-summary = ردیابی به { $accounts } حساب رسید؛ وجوه آلودهٔ اولیه: { $tainted }؛ زمان محاسبه: { $ms } میلی‌ثانیه.
flows-diagram-title = جریان پول — { $rule } — { $currency }
flows-more = حساب دیگر
flows-account = حساب
flows-hops = گام‌ها
flows-received = دریافتی ({ $rule })
flows-remaining = ماندهٔ هنوز در حساب
flows-first-arrival = نخستین دریافت
flows-path = زودترین مسیر
flows-seed = شروع
flows-stop = توقف
flows-truncated = 500 حساب نخست از مجموع { $count } حساب نمایش داده شده است.
rule-fifo = FIFO (قاعدهٔ پروندهٔ کلیتون)
rule-lifo = LIFO
rule-libr = LIBR (قاعدهٔ کمترین ماندهٔ میانی)
rule-pro-rata = تناسبی (کسر نسبی آلودگی)
rule-poison = آلودگی کامل (Poison)
rank-by = رتبه‌بندی بر اساس
rank-pagerank = PageRank (وزن‌دهی‌شده بر اساس مبلغ)
rank-authority = مرجعیت (HITS)
rank-hub = قطب (HITS)
rank-net = انباشت خالص
rank-flow-through = گذر وجوه
rank-in = ورودی
rank-out = خروجی
rank-counterparties = طرف‌های معامله: ورودی / خروجی
rank-explain = PageRank و HITS هر پرداخت را بر اساس مبلغ آن وزن می‌دهند. انباشت خالص برابر است با وجوه ورودی منهای وجوه خروجی: جایی که پول در نهایت می‌ماند. گذر وجوه مقدار کوچک‌تر از میان وجوه ورودی و خروجی است: پولی که از حساب عبور می‌کند.
field-format = قالب
field-files = فایل‌ها
field-seeds = حساب‌های شروع
field-rule = قاعده
field-direction = جهت
field-from = از
field-to = تا
field-max_hops = حداکثر تعداد گام
field-min_amount = کمترین مبلغ مورد ردیابی
field-by = رتبه‌بندی بر اساس
flows-alerts = هشدارها
flows-scan-explain = این بررسی به دنبال الگوهای پول‌شویی، قاچاق انسان و قاچاق مهاجران است که ممکن است در تراکنش‌ها نمایان شوند. هر هشدار حساب‌ها و تراکنش‌های مربوط، قاعده‌ای که فعال شده و ارقام پشتوانهٔ آن را نشان می‌دهد. آستانه‌ها مقادیر پیش‌فرض مستند دارند.
flows-typologies = الگوهای مورد جست‌وجو
flows-typology = الگو
flows-threshold = آستانهٔ گزارش‌دهی
flows-run-scan = بررسی
flows-scan-running = در حال بررسی… مرحلهٔ کنونی: { $step }
flows-alerts-found = { $count } هشدار، به ترتیب از قوی‌ترین
flows-score = امتیاز { $score }
flows-rule-fired = قاعدهٔ فعال‌شده:
flows-alert-transactions = { $count } تراکنش
typology-fan_in = تجمیع (از حساب‌های متعدد به یک حساب)
typology-fan_out = توزیع (از یک حساب به حساب‌های متعدد)
typology-cycle = چرخه یا گردش دوری وجوه
typology-scatter_gather = پراکنش سپس تجمیع
typology-gather_scatter = تجمیع سپس پراکنش
typology-pass_through = عبور سریع وجوه
typology-structuring = خردکردن تراکنش‌ها (برای گریز از آستانهٔ گزارش‌دهی)
typology-remittance_funnel = وجوه ارسالی از فرستندگان متعدد (MS1)
typology-controller_account = حساب فرد کنترل‌کننده (HT1)
typology-pooled_wages = دستمزد چند کارگر در یک حساب (HT6)
typology-hawala_settlement = تسویهٔ حواله (MS3)
field-typologies = الگوها
field-min_score = کمترین امتیاز
field-structuring_threshold = آستانهٔ گزارش‌دهی
flows-own-account = حساب صاحب صورت‌حساب
flows-own-account-hint = برای صورت‌حساب بانکی: شمارهٔ حسابی که صورت‌حساب مربوط به آن است.
flows-time-zone = منطقهٔ زمانی زمان‌های درج‌شده در فایل‌ها
field-account = حساب صاحب صورت‌حساب
field-time_zone = منطقهٔ زمانی
field-profile = نمایهٔ فایل
