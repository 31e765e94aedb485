//! Small word banks of workshop vocabulary, one per language the guide names.
//!
//! The generator strings these words into note-like sentences. They are not grammatical, but they
//! have the scripts, letters and word lengths of real notes, which is what text layout and file
//! size depend on.

/// A language of the generated notes and its vocabulary.
#[derive(Clone, Copy, Debug)]
pub struct Language {
    /// The language's name in English.
    pub name: &'static str,
    /// Whether a sentence starts with a capital letter (Georgian has no letter case).
    pub capitalise: bool,
    /// Workshop words separated by spaces: people, services, places, problems, and the small
    /// words between them.
    pub words: &'static str,
}

/// Every language of the guide: English, Albanian, Romanian, Serbian (Latin and Cyrillic),
/// Bosnian, Macedonian, Ukrainian and Georgian.
pub const LANGUAGES: [Language; 9] = [
    Language {
        name: "English",
        capitalise: true,
        words: "residents city service online form permit office queue appointment payment portal \
            website phone help older people parking waste street lights school registration \
            documents certificate status notification clear simple wait weeks request report \
            problem budget open data access language support digital signature counter mobile \
            app feedback map bus ticket library tax the to for we need can't find should more \
            without when their who how answers",
    },
    Language {
        name: "Albanian",
        capitalise: true,
        words: "qytetarët bashkia shërbim online formular leje zyrë radhë takim pagesë portali faqja \
            telefon ndihmë të moshuarit parkim mbeturinat rruga ndriçimi shkollë regjistrim \
            dokumente certifikatë statusi njoftim qartë thjeshtë pritje javë kërkesë kërkesën \
            raport problem buxhet hapur të dhënat qasje gjuhë mbështetje dixhital nënshkrim \
            sportel aplikacion harta autobus biletë taksë ndërtimit nuk dinë ku për dhe me duhet \
            më çfarë pa kur kush",
    },
    Language {
        name: "Romanian",
        capitalise: true,
        words: "cetățenii primăria serviciu online formular autorizație ghișeu coadă programare \
            plată portal site telefon ajutor vârstnicii parcare gunoi strada iluminat școală \
            înregistrare documente certificat starea notificare clar simplu așteptare săptămâni \
            cerere sesizare problemă buget deschis date acces limbă sprijin digital semnătură \
            aplicație hartă autobuz bilet taxă nu știu unde pentru și cu trebuie mai când fără \
            cine cum răspuns",
    },
    Language {
        name: "Serbian (Latin)",
        capitalise: true,
        words: "građani opština usluga onlajn obrazac dozvola šalter red termin plaćanje portal sajt \
            telefon pomoć stariji parking otpad ulica rasveta škola prijava dokumenta uverenje \
            status obaveštenje jasno jednostavno čekanje nedelja zahtev problem budžet otvoreni \
            podaci pristup jezik podrška digitalni potpis aplikacija mapa autobus karta taksa \
            održavanje rešenje ne znaju gde za i sa treba više kada bez ko kako",
    },
    Language {
        name: "Serbian (Cyrillic)",
        capitalise: true,
        words: "грађани општина услуга онлајн образац дозвола шалтер ред термин плаћање портал сајт \
            телефон помоћ старији паркинг отпад улица расвета школа пријава документа уверење \
            статус обавештење јасно једноставно чекање недеља захтев проблем буџет отворени \
            подаци приступ језик подршка дигитални потпис апликација мапа аутобус карта такса \
            одржавање решење не знају где за и са треба више када без ко како",
    },
    Language {
        name: "Bosnian",
        capitalise: true,
        words: "građani općina usluga online obrazac dozvola šalter red termin plaćanje portal \
            stranica telefon pomoć stariji parking otpad ulica rasvjeta škola prijava dokumenti \
            uvjerenje status obavijest jasno jednostavno čekanje sedmica zahtjev problem budžet \
            otvoreni podaci pristup jezik podrška digitalni potpis aplikacija mapa autobus karta \
            taksa održavanje mjesna zajednica ne znaju gdje za i sa treba više kada bez ko kako",
    },
    Language {
        name: "Macedonian",
        capitalise: true,
        words: "граѓаните општина услуга онлајн образец дозвола шалтер ред термин плаќање портал \
            веб-страница телефон помош постарите паркинг отпад улица осветлување училиште \
            пријава документи уверение статус известување јасно едноставно чекање недели барање \
            проблем буџет отворени податоци пристап јазик поддршка дигитален потпис апликација \
            мапа автобус билет такса огласен ѕид ќе не знаат каде за и со треба повеќе кога без \
            кој како",
    },
    Language {
        name: "Ukrainian",
        capitalise: true,
        words: "мешканці громада послуга онлайн форма дозвіл віконце черга запис оплата портал сайт \
            телефон допомога літні люди паркування сміття вулиця освітлення школа реєстрація \
            документи довідка статус сповіщення зрозуміло просто очікування тижні заява \
            звернення проблема бюджет відкриті дані доступ мова підтримка цифровий підпис \
            застосунок мапа автобус квиток податок ґрунтовно їхні є не знають де для і з треба \
            більше коли без хто як",
    },
    Language {
        name: "Georgian",
        capitalise: false,
        words: "მოქალაქეები მერია სერვისი ონლაინ ფორმა ნებართვა რიგი ვიზიტი გადახდა პორტალი \
            ვებგვერდი ტელეფონი დახმარება ხანდაზმულები პარკირება ნაგავი ქუჩა განათება სკოლა \
            რეგისტრაცია დოკუმენტი ცნობა სტატუსი შეტყობინება მარტივი გასაგები ლოდინი კვირა \
            განცხადება პრობლემა ბიუჯეტი გამჭვირვალე მონაცემები ენა მხარდაჭერა ციფრული ხელმოწერა \
            აპლიკაცია რუკა ავტობუსი ბილეთი გადასახადი არ იციან სად და უნდა მეტი როდის გარეშე ვინ \
            როგორ",
    },
];

/// Cluster headers, as a facilitator writes them above a column of notes.
pub const HEADERS: [&str; 12] = [
    "Ideas",
    "Questions",
    "What residents told us",
    "Pain points",
    "Opportunities",
    "Quick wins",
    "Needs",
    "Barriers",
    "Solutions",
    "Open questions",
    "Who is involved",
    "Next steps",
];

/// Connector labels; most connectors have none.
pub const CONNECTOR_LABELS: [&str; 12] = [
    "", "", "", "", "", "", "leads to", "raises", "needs", "blocks", "+", "−",
];
