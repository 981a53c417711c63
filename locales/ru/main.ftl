# Praxis — русский (перевод эталонного английского файла: здесь ровно те же сообщения).
# Подстановки в фигурных скобках заполняет программа; сохраняйте их в переводе.

app-tagline = Единая платформа для противодействия торговле людьми и незаконному ввозу мигрантов
footer = Praxis: доступ по принципу служебной необходимости; каждое изменение фиксируется
skip-to-content = Перейти к содержимому

## Навигация
nav-label = Главное меню
nav-home = Главная
nav-cases = Дела
nav-flows = Финансовые потоки
nav-entities = Объекты
nav-cooperation = Сотрудничество
nav-programme = Программа
nav-protection = Защита
nav-community = Сообщество
nav-admin = Администрирование
nav-soon = Появится в одной из следующих версий
nav-account = Моя учётная запись
nav-profile = Профиль
nav-password = Пароль
nav-totp = Двухфакторная аутентификация
nav-tokens = Токены доступа

## Язык
language = Язык
language-change = Изменить

## Вход
login-title = Вход в Praxis
login-submit = Войти
login-failed = Неверное имя пользователя или пароль.
login-throttled = Слишком много неудачных попыток. Повторите попытку через { $minutes } мин.
logout = Выйти

## Второй фактор
totp-title = Двухфакторная аутентификация
totp-explain = Введите шестизначный код из приложения-аутентификатора.
totp-recovery-hint = Потеряли телефон? Введите вместо этого один из ваших кодов восстановления.
totp-submit = Проверить
totp-failed = Неверный код.
totp-setup = Настроить двухфакторную аутентификацию
totp-why = Второй фактор защищает доступные вам записи, даже если ваш пароль будет украден.
totp-required = Для вашей роли требуется двухфакторная аутентификация. Настройте её, чтобы продолжить.
totp-step-scan = Отсканируйте этот код приложением-аутентификатором (или введите секретный ключ, указанный ниже).
totp-step-code = Введите шестизначный код, который показывает приложение.
totp-qr-alt = QR-код для приложения-аутентификатора
totp-secret = Секретный ключ:
totp-confirm = Подтвердить
totp-codes-title = Ваши коды восстановления
totp-codes-once = Запишите эти коды и храните их в надёжном месте. Каждый код можно использовать только один раз. Повторно они показаны не будут.
totp-recovery-left = Неиспользованных кодов восстановления: { $count }
totp-recovery-new = Создать новые коды восстановления
totp-disable = Отключить двухфакторную аутентификацию

## Главная
home-title = Главная
home-welcome = Добро пожаловать, { $name }
home-you = Вы
home-security = Безопасность
home-totp-on = Двухфакторная аутентификация включена.
home-totp-off = Двухфакторная аутентификация выключена.
home-tokens = Активных токенов доступа: { $count }
home-coming = Скоро
home-coming-explain = Дела, финансовые потоки, объекты, запросы о сотрудничестве, программа, защита и сообщество практиков появятся в ближайших версиях.

## Поля
field-username = Имя пользователя
field-password = Пароль
field-current_password = Текущий пароль
field-new_password = Новый пароль
field-confirm = Новый пароль ещё раз
field-code = Код
field-name = Название
field-display_name = Отображаемое имя
field-email = Электронная почта
field-organisation = Организация
field-org_id = Организация
field-jurisdiction = Юрисдикция
field-kind = Тип
field-roles = Роли
field-status = Статус
field-created = Создано
field-expires = Истекает
field-expires_in_days = Срок действия (дней)
field-disabled = Отключено
field-time = Время
field-actor = Кто
field-action = Действие
field-object = Запись
field-outcome = Результат
field-locale = Язык
field-totp = Двухфакторная аутентификация
field-database = База данных

## Роли
role-administrator = Администратор
role-investigator = Следователь
role-financial_analyst = Финансовый аналитик
role-prosecutor = Прокурор
role-adviser = Советник
role-programme_officer = Сотрудник программы
role-focal_point = Координатор
role-caseworker = Специалист по работе с жертвами
role-trainer = Тренер
role-viewer = Наблюдатель
role-oversight = Надзор

## Виды организаций
org-kind-police = Полиция или правоохранительный орган
org-kind-prosecution = Прокуратура
org-kind-judiciary = Судебный орган
org-kind-fiu = Подразделение финансовой разведки
org-kind-ministry = Министерство
org-kind-national_committee = Национальный комитет
org-kind-border_agency = Пограничное ведомство
org-kind-ngo = Неправительственная организация
org-kind-international = Международная организация
org-kind-other = Другое
org-operator = оператор Praxis

## Администрирование
admin-users = Пользователи
admin-orgs = Организации
admin-audit = Журнал аудита
org-new = Новая организация
org-edit = Изменить организацию
user-new = Новый пользователь
user-roles = Роли
user-access = Доступ
user-disable = Отключить учётную запись
user-enable = Включить учётную запись
user-reset-password = Задать новый пароль
user-reset-totp = Отключить двухфакторную аутентификацию
users-none-visible = Нет пользователей, которых вам разрешено видеть.
username-hint = От 3 до 64 символов: латинские буквы a–z, цифры, «.», «_» или «-».
password-rules = Не менее 12 символов; пароль не должен быть распространённым. Хорошо подходит фраза из нескольких не связанных между собой слов.
jurisdiction-hint = Код страны (PK) или код провинции либо региона (PK-PB).
status-active = Активен
status-disabled = Отключён
status-on = Включено
status-off = Выключено
all = Все
filter = Фильтр
create = Создать
save = Сохранить
continue = Продолжить
older = Более ранние записи

## Аудит
audit-explain = Каждое изменение, каждая попытка входа и каждый просмотр защищённой записи — по порядку. Каждая запись связана в цепочку с предыдущей, поэтому ни одну запись нельзя незаметно изменить или удалить.
audit-verify = Проверить цепочку
audit-intact = Цепочка не нарушена. Записей: { $count }.
audit-broken = Цепочка нарушена на записи { $seq }: { $reason }
audit-head = Последний хеш:
audit-system = командная строка

## Токены
tokens-explain = Программы, использующие API Praxis, выполняют вход с помощью персонального токена доступа. Обращайтесь с токеном так же бережно, как с паролем.
tokens-none = У вас нет токенов доступа.
tokens-new = Новый токен
tokens-create = Создать токен
tokens-created = Ваш новый токен
tokens-once = Скопируйте его сейчас: повторно он показан не будет.
tokens-prefix = Начинается с
tokens-active = Активен
tokens-revoked = Отозван
tokens-revoke = Отозвать

## Уведомления
done-saved = Сохранено.
done-created = Создано.
done-password = Ваш пароль изменён. Все остальные ваши сеансы завершены.

## Ошибки
error-title = Что-то пошло не так
error-field = { $field }: { $message }
error-internal = На сервере произошла ошибка. Она зарегистрирована; пожалуйста, повторите попытку.
error-denied = У вас нет прав на это действие
error-not-found = Не найдено.
error-unauthenticated = Пожалуйста, войдите в систему.
error-csrf = Срок действия этой формы истёк, или она отправлена не из Praxis. Вернитесь назад, обновите страницу и повторите попытку.

## Финансовые потоки
flows-datasets = Наборы данных
flows-none = Наборов данных пока нет.
flows-import = Импорт операций
flows-import-explain = Банковские выписки, перечни переводов, книги учёта хавалы и отчёты считываются построчно. Файл с нечитаемой строкой отклоняется целиком с указанием каждой ошибочной строки, если только вы не решите исключить такие строки. Файлы хранятся в том виде, в котором были получены, вместе с их хешем SHA-256.
flows-format = Формат
flows-files = Файлы
flows-skip-bad = Исключить нечитаемые строки (каждая будет указана)
flows-bad-rows = Нечитаемых строк: { $count }
flows-imported = Импортировано операций: { $count }.
flows-transactions = Операции
flows-accounts = Счета
flows-period = Период
flows-currency = Валюта
flows-quality = Импорт
flows-quality-figures = Исключено строк: { $skipped }; дубликатов, учтённых один раз: { $duplicates }
flows-sources = Полученные файлы
flows-trace = Отслеживание
flows-rank = Ключевые участники
flows-seeds = Исходные счета
flows-seed-txs = Исходные операции
flows-direction = Направление
flows-forward = Вперёд: куда ушли деньги
flows-backward = Назад: откуда пришли деньги
flows-rule = Правило
flows-from = С (включительно)
flows-to = По (не включая)
flows-max-hops = Максимальное число переходов
flows-min-amount = Минимальная отслеживаемая сумма
flows-stops = Остановиться на счетах
flows-run-trace = Отследить
flows-trace-title = Отслеживание по правилу { $rule }
flows-trace-summary = Охвачено счетов: { $accounts }; исходная сумма «заражённых» средств: { $tainted }; время расчёта: { $ms } мс.
flows-diagram-title = Движение денежных средств — { $rule } — { $currency }
flows-more = других счетов
flows-account = Счёт
flows-hops = Переходы
flows-received = Получено ({ $rule })
flows-remaining = Остаётся на счёте
flows-first-arrival = Первое поступление
flows-path = Самый ранний путь
flows-seed = исходный
flows-stop = остановка
flows-truncated = Показаны первые 500 счетов; всего счетов: { $count }.
rule-fifo = FIFO (правило дела Клейтона)
rule-lifo = LIFO
rule-libr = LIBR (правило наименьшего промежуточного остатка)
rule-pro-rata = Пропорциональное распределение (haircut)
rule-poison = Полное заражение (poison)
rank-by = Ранжировать по
rank-pagerank = PageRank (взвешенный по суммам)
rank-authority = Авторитетность (HITS)
rank-hub = Хаб (HITS)
rank-net = Чистое накопление
rank-flow-through = Транзитный оборот
rank-in = Поступления
rank-out = Списания
rank-counterparties = Контрагенты: входящие / исходящие
rank-explain = PageRank и HITS взвешивают каждый платёж по его сумме. Чистое накопление — это поступления за вычетом списаний: показывает, где деньги в итоге оседают. Транзитный оборот — меньшая из двух величин, поступлений и списаний: деньги, проходящие через счёт транзитом.
field-format = Формат
field-files = Файлы
field-seeds = Исходные счета
field-rule = Правило
field-direction = Направление
field-from = С
field-to = По
field-max_hops = Максимальное число переходов
field-min_amount = Минимальная отслеживаемая сумма
field-by = Ранжировать по
flows-alerts = Оповещения
flows-scan-explain = Проверка ищет признаки схем отмывания денег, торговли людьми и незаконного ввоза мигрантов, которые могут проявляться в операциях. Для каждого оповещения показываются связанные с ним счета и операции, сработавшее правило и лежащие в его основе показатели. Для пороговых значений заданы задокументированные значения по умолчанию.
flows-typologies = Искомые схемы
flows-typology = Схема
flows-threshold = Порог обязательной отчётности
flows-run-scan = Проверить
flows-scan-running = Идёт проверка… текущий шаг: { $step }
flows-alerts-found = Оповещений: { $count }, сначала наиболее значимые
flows-score = оценка { $score }
flows-rule-fired = Сработавшее правило:
flows-alert-transactions = Операций: { $count }
typology-fan_in = Сведение средств со многих счетов на один (fan-in)
typology-fan_out = Рассылка средств с одного счёта на многие (fan-out)
typology-cycle = Цикл или круговое движение средств
typology-scatter_gather = Рассредоточение с последующим сведением
typology-gather_scatter = Сведение с последующим рассредоточением
typology-pass_through = Быстрый транзит средств
typology-structuring = Дробление операций (структурирование)
typology-remittance_funnel = Денежные переводы от множества отправителей (MS1)
typology-controller_account = Счёт контролирующего лица (HT1)
typology-pooled_wages = Заработная плата нескольких работников на одном счёте (HT6)
typology-hawala_settlement = Взаиморасчёты по хавале (MS3)
field-typologies = Схемы
field-min_score = Минимальная оценка
field-structuring_threshold = Порог обязательной отчётности
flows-own-account = Счёт, по которому составлена выписка
flows-own-account-hint = Для банковской выписки: номер счёта, по которому она составлена.
flows-time-zone = Часовой пояс времени, указанного в файлах
field-account = Счёт, по которому составлена выписка
field-time_zone = Часовой пояс
field-profile = Профиль
