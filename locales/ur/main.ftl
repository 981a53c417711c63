# Praxis — اردو (انگریزی حوالہ جاتی فائل کا ترجمہ؛ اس فائل میں بالکل وہی پیغامات ہیں)۔
# گھنگھریالے قوسین میں موجود متغیرات پروگرام بھرتا ہے؛ ترجمے میں انہیں برقرار رکھیں۔

app-tagline = انسانی اسمگلنگ اور تارکینِ وطن کی اسمگلنگ کے خلاف ایک مشترکہ پلیٹ فارم
footer = Praxis: رسائی صرف ضرورت کی بنیاد پر؛ ہر تبدیلی ریکارڈ کی جاتی ہے
skip-to-content = مواد پر جائیں

## نیویگیشن
nav-label = مرکزی مینو
nav-home = ہوم
nav-cases = کیسز
nav-flows = مالیاتی بہاؤ
nav-entities = اینٹیٹیز
nav-cooperation = تعاون
nav-programme = پروگرام
nav-protection = تحفظ
nav-community = کمیونٹی
nav-admin = انتظامیہ
nav-soon = آئندہ ریلیز میں دستیاب ہوگا
nav-account = میرا اکاؤنٹ
nav-profile = پروفائل
nav-password = پاس ورڈ
nav-totp = دو مرحلہ جاتی تصدیق
nav-tokens = رسائی ٹوکنز

## زبان
language = زبان
language-change = تبدیل کریں

## لاگ اِن
login-title = Praxis میں سائن اِن کریں
login-submit = سائن اِن
login-failed = لاگ اِن نام یا پاس ورڈ درست نہیں ہے۔
login-throttled = بہت زیادہ ناکام کوششیں ہو چکی ہیں۔ { $minutes } منٹ بعد دوبارہ کوشش کریں۔
logout = سائن آؤٹ

## دوسرا مرحلہ
totp-title = دو مرحلہ جاتی تصدیق
totp-explain = اپنی تصدیقی ایپ (authenticator) سے چھ ہندسوں والا کوڈ درج کریں۔
totp-recovery-hint = فون گم ہو گیا؟ اس کے بجائے اپنے ریکوری کوڈز میں سے کوئی ایک درج کریں۔
totp-submit = تصدیق کریں
totp-failed = کوڈ درست نہیں ہے۔
totp-setup = دو مرحلہ جاتی تصدیق سیٹ اپ کریں
totp-why = دوسرا مرحلہ ان ریکارڈز کی حفاظت کرتا ہے جو آپ دیکھ سکتے ہیں، چاہے آپ کا پاس ورڈ چوری ہی کیوں نہ ہو جائے۔
totp-required = آپ کے کردار کے لیے دو مرحلہ جاتی تصدیق لازمی ہے۔ جاری رکھنے کے لیے اسے سیٹ اپ کریں۔
totp-step-scan = یہ کوڈ کسی تصدیقی ایپ سے اسکین کریں (یا نیچے دی گئی خفیہ کلید ٹائپ کریں)۔
totp-step-code = ایپ میں دکھایا گیا چھ ہندسوں والا کوڈ درج کریں۔
totp-qr-alt = آپ کی تصدیقی ایپ کے لیے QR کوڈ
totp-secret = خفیہ کلید:
totp-confirm = توثیق کریں
totp-codes-title = آپ کے ریکوری کوڈز
totp-codes-once = یہ کوڈز لکھ لیں اور محفوظ جگہ پر رکھیں۔ ہر کوڈ صرف ایک بار کام کرتا ہے۔ یہ دوبارہ نہیں دکھائے جائیں گے۔
totp-recovery-left = غیر استعمال شدہ ریکوری کوڈز: { $count }
totp-recovery-new = نئے ریکوری کوڈز بنائیں
totp-disable = دو مرحلہ جاتی تصدیق بند کریں

## ہوم
home-title = ہوم
home-welcome = خوش آمدید، { $name }
home-you = آپ
home-security = سیکیورٹی
home-totp-on = دو مرحلہ جاتی تصدیق فعال ہے۔
home-totp-off = دو مرحلہ جاتی تصدیق غیر فعال ہے۔
home-tokens = فعال رسائی ٹوکنز: { $count }
home-coming = جلد آ رہا ہے
home-coming-explain = کیسز، مالیاتی بہاؤ، اینٹیٹیز، تعاون کی درخواستیں، پروگرام، تحفظ اور کمیونٹی آف پریکٹس آئندہ ریلیزز میں شامل کیے جائیں گے۔

## فیلڈز
field-username = لاگ اِن نام
field-password = پاس ورڈ
field-current_password = موجودہ پاس ورڈ
field-new_password = نیا پاس ورڈ
field-confirm = نیا پاس ورڈ دوبارہ
field-code = کوڈ
field-name = نام
field-display_name = ظاہر ہونے والا نام
field-email = ای میل
field-organisation = ادارہ
field-org_id = ادارہ
field-jurisdiction = دائرۂ اختیار
field-kind = قسم
field-roles = کردار
field-status = حیثیت
field-created = تاریخِ اندراج
field-expires = میعاد ختم ہونے کی تاریخ
field-expires_in_days = مدتِ اعتبار (دن)
field-disabled = غیر فعال
field-time = وقت
field-actor = کس نے
field-action = کارروائی
field-object = ریکارڈ
field-outcome = نتیجہ
field-locale = زبان
field-totp = دو مرحلہ جاتی تصدیق
field-database = ڈیٹا بیس

## کردار
role-administrator = منتظم
role-investigator = تفتیشی افسر
role-financial_analyst = مالیاتی تجزیہ کار
role-prosecutor = پراسیکیوٹر
role-adviser = مشیر
role-programme_officer = پروگرام آفیسر
role-focal_point = فوکل پرسن
role-caseworker = متاثرین کی معاونت کا کیس ورکر
role-trainer = ٹرینر
role-viewer = ناظر
role-oversight = نگرانی

## اداروں کی اقسام
org-kind-police = پولیس یا قانون نافذ کرنے والا ادارہ
org-kind-prosecution = محکمۂ استغاثہ
org-kind-judiciary = عدلیہ
org-kind-fiu = مالیاتی انٹیلیجنس یونٹ
org-kind-ministry = وزارت
org-kind-national_committee = قومی کمیٹی
org-kind-border_agency = سرحدی ادارہ
org-kind-ngo = غیر سرکاری تنظیم
org-kind-international = بین الاقوامی تنظیم
org-kind-other = دیگر
org-operator = Praxis کا منتظم ادارہ

## انتظامیہ
admin-users = صارفین
admin-orgs = ادارے
admin-audit = آڈٹ لاگ
org-new = نیا ادارہ
org-edit = ادارے میں ترمیم کریں
user-new = نیا صارف
user-roles = کردار
user-access = رسائی
user-disable = اکاؤنٹ غیر فعال کریں
user-enable = اکاؤنٹ فعال کریں
user-reset-password = نیا پاس ورڈ مقرر کریں
user-reset-totp = دو مرحلہ جاتی تصدیق بند کریں
users-none-visible = کوئی ایسا صارف نہیں جسے آپ دیکھ سکیں۔
username-hint = 3 سے 64 حروف: انگریزی حروف a–z، ہندسے، '.'، '_' یا '-'۔
password-rules = کم از کم 12 حروف، اور کوئی عام پاس ورڈ نہ ہو۔ کئی غیر متعلقہ الفاظ پر مشتمل فقرہ اچھا انتخاب ہے۔
jurisdiction-hint = ملک کا کوڈ (PK) یا صوبے یا علاقے کا کوڈ (PK-PB)۔
status-active = فعال
status-disabled = غیر فعال
status-on = آن
status-off = آف
all = سب
filter = فلٹر
create = بنائیں
save = محفوظ کریں
continue = جاری رکھیں
older = پرانے اندراجات

## آڈٹ
audit-explain = ہر تبدیلی، سائن اِن کی ہر کوشش اور کسی محفوظ ریکارڈ کو ہر بار پڑھا جانا، ترتیب وار۔ ہر اندراج اپنے سے پہلے والے اندراج سے زنجیر کی صورت میں جڑا ہوتا ہے، تاکہ کسی اندراج کو علم میں آئے بغیر تبدیل یا حذف نہ کیا جا سکے۔
audit-verify = زنجیر کی تصدیق کریں
audit-intact = زنجیر درست ہے: { $count } اندراجات۔
audit-broken = زنجیر اندراج نمبر { $seq } پر ٹوٹی ہوئی ہے: { $reason }
audit-head = آخری ہیش:
audit-system = کمانڈ لائن

## ٹوکنز
tokens-explain = Praxis API استعمال کرنے والے پروگرام ذاتی رسائی ٹوکن کے ذریعے سائن اِن کرتے ہیں۔ ٹوکن کو پاس ورڈ کی طرح محفوظ رکھیں۔
tokens-none = آپ کے پاس کوئی رسائی ٹوکن نہیں ہے۔
tokens-new = نیا ٹوکن
tokens-create = ٹوکن بنائیں
tokens-created = آپ کا نیا ٹوکن
tokens-once = اسے ابھی کاپی کر لیں: یہ دوبارہ نہیں دکھایا جائے گا۔
tokens-prefix = ابتدائی حروف
tokens-active = فعال
tokens-revoked = منسوخ شدہ
tokens-revoke = منسوخ کریں

## اطلاعات
done-saved = محفوظ ہو گیا۔
done-created = بن گیا۔
done-password = آپ کا پاس ورڈ تبدیل ہو گیا ہے۔ آپ کے دیگر سیشن ختم کر دیے گئے ہیں۔

## خرابیاں
error-title = کچھ غلط ہو گیا ہے
error-field = { $field }: { $message }
error-internal = سرور پر کوئی خرابی پیش آ گئی۔ اسے ریکارڈ کر لیا گیا ہے؛ براہِ کرم دوبارہ کوشش کریں۔
error-denied = آپ کو یہ کرنے کی اجازت نہیں ہے
error-not-found = نہیں ملا۔
error-unauthenticated = براہِ کرم سائن اِن کریں۔
error-csrf = اس فارم کی میعاد ختم ہو چکی ہے یا یہ Praxis سے نہیں آیا۔ واپس جائیں، صفحہ دوبارہ لوڈ کریں اور پھر کوشش کریں۔

## مالیاتی بہاؤ
flows-datasets = ڈیٹا سیٹس
flows-none = ابھی کوئی ڈیٹا سیٹ موجود نہیں۔
flows-import = ٹرانزیکشنز درآمد کریں
flows-import-explain = بینک اسٹیٹمنٹس، ترسیلِ رقوم کی فہرستیں، حوالہ کے کھاتے اور رپورٹیں سطر بہ سطر پڑھی جاتی ہیں۔ جس فائل کی کوئی سطر پڑھی نہ جا سکے وہ پوری کی پوری مسترد کر دی جاتی ہے اور ہر خراب سطر کی نشاندہی کی جاتی ہے، الا یہ کہ آپ ایسی سطروں کو خارج کرنے کا انتخاب کریں۔ فائلیں اپنے SHA-256 کے ساتھ اسی حالت میں محفوظ رکھی جاتی ہیں جس میں موصول ہوئیں۔
flows-format = فارمیٹ
flows-files = فائلیں
flows-skip-bad = ناقابلِ خواندگی سطریں خارج کریں (ہر ایک کی فہرست دی جائے گی)
flows-bad-rows = ناقابلِ خواندگی سطریں: { $count }
flows-imported = درآمد شدہ ٹرانزیکشنز: { $count }۔
flows-transactions = ٹرانزیکشنز
flows-accounts = اکاؤنٹس
flows-period = مدت
flows-currency = کرنسی
flows-quality = درآمد
flows-quality-figures = خارج کی گئی سطریں: { $skipped }؛ ایک بار شمار کیے گئے دہرے اندراجات: { $duplicates }
flows-sources = موصولہ فائلیں
flows-trace = رقوم کا سراغ
flows-rank = اہم کردار
flows-seeds = ابتدائی اکاؤنٹس
flows-seed-txs = ابتدائی ٹرانزیکشنز
flows-direction = سمت
flows-forward = آگے کی جانب: رقم کہاں گئی
flows-backward = پیچھے کی جانب: رقم کہاں سے آئی
flows-rule = اصول
flows-from = از (شامل)
flows-to = تا (شامل نہیں)
flows-max-hops = زیادہ سے زیادہ مراحل
flows-min-amount = کم از کم رقم جس کا سراغ لگایا جائے
flows-stops = ان اکاؤنٹس پر رک جائیں
flows-run-trace = سراغ لگائیں
flows-trace-title = { $rule } کے تحت سراغ
flows-trace-summary = سراغ { $accounts } اکاؤنٹس تک پہنچا؛ ابتدائی آلودہ رقم: { $tainted }؛ حساب میں { $ms } ملی سیکنڈ لگے۔
flows-diagram-title = رقم کا بہاؤ — { $rule } — { $currency }
flows-more = مزید اکاؤنٹس
flows-account = اکاؤنٹ
flows-hops = مراحل
flows-received = موصولہ رقم ({ $rule })
flows-remaining = اب بھی اکاؤنٹ میں
flows-first-arrival = پہلی آمد
flows-path = اولین راستہ
flows-seed = ابتدائی
flows-stop = توقف
flows-truncated = کل { $count } اکاؤنٹس میں سے پہلے 500 دکھائے گئے ہیں۔
rule-fifo = FIFO (کلیٹن کیس کا اصول)
rule-lifo = LIFO
rule-libr = LIBR (کم ترین درمیانی بیلنس کا اصول)
rule-pro-rata = متناسب تقسیم (ہیئر کٹ)
rule-poison = مکمل آلودگی (Poison)
rank-by = درجہ بندی بلحاظ
rank-pagerank = PageRank (رقم کے لحاظ سے وزن شدہ)
rank-authority = اتھارٹی (HITS)
rank-hub = ہب (HITS)
rank-net = خالص جمع شدہ رقم
rank-flow-through = گزرنے والی رقم
rank-in = آمدِ زر
rank-out = اخراجِ زر
rank-counterparties = مقابل فریق: آمد / اخراج
rank-explain = PageRank اور HITS ہر ادائیگی کو اس کی رقم کے مطابق وزن دیتے ہیں۔ خالص جمع شدہ رقم آنے والی رقم میں سے جانے والی رقم منہا کرنے سے حاصل ہوتی ہے: یعنی رقم آخرکار کہاں جا کر ٹھہرتی ہے۔ گزرنے والی رقم آنے والی اور جانے والی رقم میں سے کم تر مقدار ہے: یعنی وہ رقم جو اکاؤنٹ سے گزر جاتی ہے۔
field-format = فارمیٹ
field-files = فائلیں
field-seeds = ابتدائی اکاؤنٹس
field-rule = اصول
field-direction = سمت
field-from = از
field-to = تا
field-max_hops = زیادہ سے زیادہ مراحل
field-min_amount = کم از کم رقم جس کا سراغ لگایا جائے
field-by = درجہ بندی بلحاظ
flows-alerts = انتباہات
flows-scan-explain = اسکین منی لانڈرنگ، انسانی اسمگلنگ اور تارکینِ وطن کی اسمگلنگ کے ان نمونوں کو تلاش کرتا ہے جو ٹرانزیکشنز میں ظاہر ہو سکتے ہیں۔ ہر انتباہ میں متعلقہ اکاؤنٹس اور ٹرانزیکشنز، فعال ہونے والا اصول اور اس کی بنیاد بننے والے اعداد و شمار دکھائے جاتے ہیں۔ حدود کی طے شدہ اقدار دستاویزی شکل میں موجود ہیں۔
flows-typologies = تلاش کیے جانے والے نمونے
flows-typology = نمونہ
flows-threshold = رپورٹنگ کی حد
flows-run-scan = اسکین کریں
flows-scan-running = اسکین جاری ہے… موجودہ مرحلہ: { $step }
flows-alerts-found = انتباہات: { $count }، سب سے مضبوط پہلے
flows-score = اسکور { $score }
flows-rule-fired = فعال ہونے والا اصول:
flows-alert-transactions = ٹرانزیکشنز: { $count }
typology-fan_in = متعدد اکاؤنٹس سے ایک اکاؤنٹ میں رقوم کا ارتکاز (فین اِن)
typology-fan_out = ایک اکاؤنٹ سے متعدد اکاؤنٹس میں رقوم کی تقسیم (فین آؤٹ)
typology-cycle = گردشی لین دین یا رقم کی واپسی (راؤنڈ ٹرپنگ)
typology-scatter_gather = پہلے بکھیرنا، پھر اکٹھا کرنا
typology-gather_scatter = پہلے اکٹھا کرنا، پھر بکھیرنا
typology-pass_through = رقم کا تیزی سے گزر جانا
typology-structuring = اسٹرکچرنگ (رپورٹنگ کی حد سے بچنے کے لیے لین دین کی تقسیم)
typology-remittance_funnel = متعدد بھیجنے والوں سے ترسیلاتِ زر (MS1)
typology-controller_account = کنٹرول کرنے والے شخص کا اکاؤنٹ (HT1)
typology-pooled_wages = ایک اکاؤنٹ میں کئی مزدوروں کی اجرتیں (HT6)
typology-hawala_settlement = حوالہ کے حسابات کا تصفیہ (MS3)
field-typologies = نمونے
field-min_score = کم از کم اسکور
field-structuring_threshold = رپورٹنگ کی حد
flows-own-account = اسٹیٹمنٹ کا اپنا اکاؤنٹ
flows-own-account-hint = بینک اسٹیٹمنٹ کے لیے: وہ اکاؤنٹ نمبر جس کی یہ اسٹیٹمنٹ ہے۔
flows-time-zone = فائلوں میں درج اوقات کا ٹائم زون
field-account = اسٹیٹمنٹ کا اپنا اکاؤنٹ
field-time_zone = ٹائم زون
field-profile = پروفائل
