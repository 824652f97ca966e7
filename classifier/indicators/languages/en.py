"""English wording for the indicator catalog."""

from __future__ import annotations

from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
# Shared term sets (kept small and general: what a posting calls the thing, not one ad's wording).
DOCUMENTS = (
    r"passports?", r"ids?", r"id cards?", r"identity (?:cards?|documents?|papers)", r"identification",
    r"documents?", r"papers", r"travel documents?", r"work permits?", r"residence (?:cards?|permits?)",
    r"iqamas?", r"green cards?", r"birth certificates?",
)
PHONES = (r"(?:cell ?|mobile |smart ?|hand ?)?phones?", r"cells?", r"mobiles?", r"cellphones?", r"devices")
WAGES = (
    r"wages?", r"salar(?:y|ies)", r"pay", r"payment", r"earnings", r"paychecks?", r"money", r"paid", r"income",
)
LIVING_COSTS = (
    r"rent", r"housing", r"accommodation", r"lodging", r"room", r"bed", r"board", r"food", r"meals?",
    r"transport\w*", r"rides?", r"bus fare", r"uniforms?", r"tools", r"equipment", r"utilities",
    r"electricity", r"water", r"phone bills?", r"gas",
)
RECRUITMENT_COSTS = (
    r"tickets?", r"visas?", r"flights?", r"airfare", r"travel (?:costs?|expenses)", r"fees?", r"recruitment",
    r"loans?", r"advances?", r"processing", r"paperwork", r"agency",
)
DURATION_PRICE = (
    r"(?:\d{2,3} ?(?:min|mins|minutes)|half (?:hour|hr)|full (?:hour|hr)|(?:1|one|an) ?(?:hr|hour)|hh|qv|fh)"
    r"\W{0,3}\$? ?(?:[4-9]\d|[1-9]\d\d)\b"
)
# "escort" the service, not the Ford Escort or a radar detector.
ESCORT = (
    r"(?<!ford )(?<!mercury )escorts?(?! (?:radar|wagon|zx2|zx|gt|lx|se|sport|hatchback|sedan|max|redline|ix|"
    r"detector|passport)\b)"
)
OUTINGS = (
    r"trips?", r"outings?", r"shopping", r"going out", r"days? off", r"errands", r"visits?", r"town", r"outside",
    r"the store", r"church", r"walks?",
)
PLACES = (
    r"(?:the )?(?:farm|site|premises|compound|camp|house|building|dorm\w*|hostel|factory|boat|vessel|ship|spa|"
    r"shop|salon|residence|property|workplace|grounds|apartment|club|bar|restaurant|hotel|plant)"
)

LANGUAGE = Language(
    code="en",
    name="English",
    negation=(
        # "no worries, we keep your passport" denies nothing.
        r"no(?! (?:worries|problem|problems|stress|doubt|matter|wonder|joke))", r"not", r"never", r"without", r"zero", r"nor", r"neither", r"none", r"nobody", r"don't", r"dont",
        r"doesn't", r"doesnt", r"won't", r"wont", r"didn't", r"isn't", r"aren't", r"cannot", r"can't",
        r"free of", r"no one", r"nothing", r"stop", r"avoid", r"beware of", r"illegal to", r"refuse",
    ),
    post_negation=(
        r"none", r"waived", r"not (?:required|needed|charged|necessary|applicable)", r"free", r"\$ ?0\b", r"0 ?\$",
        r"n/a", r"covered by (?:the )?(?:employer|company|us)", r"paid by (?:the )?(?:employer|company|us)",
        r"never", r"is illegal", r"are illegal",
    ),
    contrast=(r"but", r"however", r"except", r"although", r"though", r"yet"),
    markers=(r"the", r"and", r"of", r"to", r"you", r"your", r"we", r"is", r"are", r"for", r"with", r"will", r"this", r"our", r"be", r"have", r"not"),
    contexts={
        "adult": terms(
            ESCORT, r"incall", r"outcall", r"gfe", r"pse", r"bbb?j", r"bbfs",
            r"happy ending", r"body ?rub\w*", r"nuru", r"erotic\w*", r"sensual", r"\d+ ?roses",
            r"sexy (?:girls?|lady|ladies|latina|asian|woman|women|mami|babe|blonde|brunette|milf|chick|ebony)",
            r"(?:i am|i'm|im) (?:so )?sexy",
            r"donations? only", r"\d+ ?donation", r"hh", r"qv", r"companionship",
            r"(?:looking for|need|want|seeking|find) (?:a |my |an? older )?(?:sugar )?daddy", r"daddy (?:wanted|needed)",
            r"hook ?ups? (?:tonight|now|today|only)",
            r"fetish", r"girls? available", r"new girls? (?:every|each|weekly|daily|always)", r"kiss mark", r"splashing sweat", r"aubergine",
            r"adult (?:fun|entertainment|services?|massage)", r"hobbyists?", r"nsa",
            r"no strings attached", r"discreet (?:fun|encounters?|meetings?|gentlem[ae]n)", r"upscale (?:companion|lady)",
            r"strip (?:club|tease)", r"lap dances?", r"fwb", r"sugar (?:daddy|baby|babies)",
            r"independent (?:provider|escort|companion)", r"(?:executive|elite|vip|upscale|classy) companions?",
            r"(?:small |generous )?gifts? "
            r"(?:required|expected|appreciated)", r"new (?:spot|girls?) (?:on|at|in)",
        ),
        "job": terms(
            r"jobs?", r"hiring", r"we hire", r"workers?", r"work (?:in|abroad|permit|visa)", r"vacanc\w+", r"salary",
            r"wages?", r"recruit\w*", r"employer", r"employment", r"hostess\w*", r"waitress\w*", r"nanny", r"au pair",
            r"caregivers?", r"modell?ing", r"models? (?:wanted|needed)", r"casting", r"visa", r"contract",
            r"positions? (?:available|open)", r"staff (?:wanted|needed)", r"help wanted", r"now hiring", r"labou?rers?",
            r"pickers?", r"cleaners? (?:wanted|needed)", r"apply (?:now|today)",
            r"seasonal work", r"farm ?work", r"field ?work", r"paycheck", r"employees?", r"dancers? (?:wanted|needed)",
            r"(?:work|night|day|12.hour|8.hour) shifts?",
            r"housekeepers?", r"maids?", r"nann(?:y|ies)", r"farm ?hands?", r"farm ?workers?", r"labou?rers?", r"pickers?",
            r"packers?", r"welders?", r"masons?", r"bricklayers?", r"roofers?", r"deckhands?", r"fishermen", r"seafarers?",
            r"caregivers?", r"(?:line|prep) cooks?", r"kitchen (?:helpers?|hands?|porters?|staff)", r"waitress(?:es)?",
            r"domestic (?:workers?|helpers?)", r"(?:construction|cleaning|kitchen|farm|warehouse) (?:workers?|helpers?|crew)",
            r"crew members?",
            r"(?:helpers?|staff|workers?|cooks?|cleaners?|drivers?|nannies|labou?rers?|housekeepers?|dishwashers?|"
            r"waiters?|waitresses|servers?|bartenders?|packers?|pickers?|girls|ladies|hostesses|dancers|models|"
            r"caregivers?|carers?|maids?|welders?|painters?|roofers?|hands|crew) (?:wanted|needed|required|wanted urgently)",
            r"kitchen (?:helpers?|staff|porters?)", r"housekeeping", r"(?:warehouse|factory|construction|farm|hotel|"
            r"restaurant|cleaning) (?:jobs?|workers?|helpers?|staff|positions?)",
        ),
        "massage": terms(
            r"massages?(?! (?:seats?|chairs?|functions?|jets?|tubs?|shower ?heads?|guns?|modes?|settings?|cushions?|"
            r"pads?|beds? for sale|features?))",
            r"(?:day|massage|asian|thai|chinese|korean|oriental|foot|health|beauty|body|relaxation|wellness|vip) spa",
            r"spa (?:services|treatments?|massage|day|package)", r"(?:at|visit|come to|welcome to) (?:our|the) spa",
            r"masseuses?", r"massage parlou?r", r"reflexology",
            r"foot (?:rub|massage)", r"(?:asian|thai|korean|chinese|full) body ?work", r"acupressure", r"shiatsu",
        ),
        "abroad": terms(
            r"abroad", r"overseas", r"dubai", r"qatar", r"japan", r"malaysia", r"saudi", r"kuwait", r"europe",
            r"no experience", r"no exp", r"out of state", r"canada", r"macau", r"hong kong", r"germany", r"poland", r"italy", r"uk", r"korea", r"taiwan", r"singapore",
            r"israel", r"cyprus", r"turkey", r"russia", r"usa", r"america", r"australia", r"bahrain", r"oman",
            r"lebanon", r"jordan", r"thailand", r"china", r"work visa", r"relocat\w+", r"foreign",
        ),
        "talent": terms(
            r"model\w*", r"talent", r"casting", r"actress\w*", r"influencers?", r"hostess\w*", r"promo (?:girls?|models?)",
            r"dancers?", r"photo ?shoots?", r"portfolio", r"roster", r"agency",
        ),
    },
    mitigators={
        "awareness_or_news": terms(
            r"human trafficking", r"sex trafficking", r"labou?r trafficking", r"trafficking (?:hotline|awareness|"
            r"victims?|survivors?|ring|investigation|charges?|operation|case|network)", r"trafficked",
            r"forced labou?r", r"modern slavery", r"debt bondage", r"(?:warning|red) (?:signs|flags)", r"if you see",
            r"report (?:it|suspicious|tips?|to (?:the )?(?:police|hotline|authorities))", r"hotline", r"polaris",
            r"1.?888.?373.?7888", r"blue campaign", r"police (?:said|say|says)", r"(?:were|was) arrested",
            r"charged with", r"sentenced", r"prosecutors?", r"indictment", r"according to", r"investigators?",
            r"awareness", r"know the signs", r"learn (?:the|how)", r"victims?", r"survivors?", r"court (?:heard|ruled)",
            r"authorities (?:said|say)", r"rescued", r"raid\w*", r"ngo", r"advocates?", r"psa", r"stay safe",
            r"protect yourself", r"be careful", r"scam alert", r"(?:the )?ilo", r"unodc", r"iom",
            r"(?:announced|said|reported|told reporters) (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday|today|yesterday|this week)", r"officials?", r"years in prison", r"(?:could|would|may|will) face",
            r"faces? (?:\w+ )?charges", r"pleaded guilty", r"convicted", r"labou?r department", r"department of labou?r",
            r"investigation", r"accused", r"allegedly", r"authorities", r"arrest(?:ed|s)?", r"prosecut\w+",
            r"traffickers?", r"trafficking", r"anti-trafficking", r"exploit(?:ed|ation|ing)", r"researchers?", r"study",
            r"new report", r"nonprofit", r"please share", r"is a crime", r"(?:no )?legitimate (?:recruiter|employer)s?",
            r"questions to ask", r"before you accept", r"fined", r"deportation", r"shouldn'?t be",
        ),
        "licensed_professional": terms(
            r"licensed", r"license ?#?\s?(?:no\.?)?\s?\d+", r"lic\.? ?#? ?\d+", r"lmt", r"rmt", r"ncbtmb",
            r"board[- ]certified", r"certified massage therapist", r"registered massage therapist", r"insurance",
            r"hsa", r"fsa", r"deep tissue", r"prenatal", r"sports massage", r"physiotherap\w+", r"chiropract\w+",
            r"clinic", r"amta", r"physical therap\w+",
        ),
        "transparent_employer": terms(
            r"contract", r"h-?2a", r"h-?2b", r"job order", r"workers'? comp\w*", r"overtime", r"no fees?",
            r"never charge\w*", r"free of charge", r"eeo", r"equal opportunity", r"benefits", r"401k", r"paid training",
            r"apply (?:online|at|in person)", r"human resources", r"w-?2", r"background check", r"health insurance",
            r"paid (?:weekly|biweekly|every (?:week|two weeks|friday))", r"direct deposit", r"pto", r"paid time off",
        ),
    },
    indicators={
        # ------------------------------------------------------------------------- sex trafficking
        "sex.third_person": terms(
            r"she(?:'s| is| will| loves| does| can| only| speaks| doesn'?t)", r"shes", r"her name is",
            r"ask for (?:her|\w+ by name)", r"book her", r"our (?:girls|ladies|angels|gurls|models)",
            r"my (?:girls|ladies|gurls)", r"the girls (?:are|will)", r"they are (?:sweet|young|ready|new|available)",
            r"(?:she|her) (?:is|turned) \d{2}",
        ),
        "sex.movement": terms(
            r"new in (?:town|the city|the area)", r"just (?:arrived|got (?:in|here)|landed)", r"in town (?:for|this|until|only)",
            r"leaving (?:soon|tomorrow|sunday|monday)", r"last (?:day|night|days) in", r"on tour", r"touring",
            r"visiting (?:for|until)", r"(?:this|one) week only", r"few days only", r"tonight only",
        ),
        "sex.ethnicity": terms(
            r"asian", r"latina", r"latin", r"russian", r"ebony", r"thai", r"korean", r"chinese", r"japanese",
            r"colombian", r"brazilian", r"ukrainian", r"european", r"exotic", r"venezuelan", r"dominican", r"cuban",
            r"filipina", r"vietnamese", r"romanian", r"puerto rican", r"african", r"indian", r"arab(?:ic|ian)?",
            r"persian", r"mexican", r"polish", r"czech", r"oriental",
        ),
        "sex.multiple_workers": terms(
            r"(?:new |different |fresh |young )?(?:girls|gurls|gurlz|ladies|angels) (?:available|ready|every|weekly|"
            r"each|rotat\w+|24/7|to choose)",
            r"new (?:girls|ladies|faces|arrivals) (?:every|each|weekly|daily|always)", r"(?:two|2|three|3|several|many|5) girls",
            r"variety of (?:girls|ladies)", r"girls? (?:are )?always (?:new|fresh|different)",
            r"new (?:masseuses|therapists|staff) (?:every|each|weekly)", r"new arrivals (?:daily|weekly)",
        ),
        "sex.restricted_incall": terms(
            r"incall only", r"in-?call only", r"hotel incall", r"motel", r"hotel room",
            r"incall (?:at|@) (?:the )?(?:hotel|motel)", r"incall only,? (?:my|our) place",
            negative=(r"no outcalls?", r"no out calls?"),
        ),
        "sex.third_party_control": terms(
            r"(?:daddy|manager|my driver|the driver|driver|booker|my man|boss|handler|front desk|reception|"
            r"receptionist|mama ?san|papa ?san|bf|boyfriend|mommy|mama|mom|auntie|aunt|coordinator|office|guy at the "
            r"door|staff) ~1 (?:handles|books|arranges|collects|manages|screens|sets it up|set it up)",
            r"(?:daddy|manager|my driver|the driver|driver|booker|my man|boss|handler|front desk|reception|"
            r"receptionist|mama ?san|papa ?san|bf|boyfriend|mommy|mama|mom|auntie|aunt|coordinator|office|guy at the "
            r"door|staff) ~2 (?:will|takes|took|sets|set|available|makes|does|match) ~2 (?:all )?(?:the )?(?:bookings?|"
            r"appointments?|appts|money|payments?|calls|everything|it|for her|you|\$)",
            r"(?:text|call) (?:him|her (?:mom|mommy|boyfriend|man))", r"(?:she|they) (?:dont|don'?t|doesn'?t) work,? (?:she |they )?"
            r"(?:just|only) books?", r"payment (?:is )?(?:handled|taken|collected) (?:at the door|by (?:our|the) staff)",
            r"we manage (?:\d+|several|many) (?:'?independent'? )?(?:ladies|girls|women)",
            r"text me (?:to book her|not her|for her|and i set it up)",
            r"book (?:through|thru|with|via) (?:me|(?:the |our |my )?(?:manager|booker|boss|office|agent|driver|daddy))",
            r"call (?:the )?(?:manager|booker)", r"ask for (?:the )?(?:manager|daddy)", r"i set it up",
            r"takes the money", r"collects? (?:the )?money", r"we arrange everything",
            r"(?:her )?(?:cousin|uncle|aunt|auntie|brother|friend|boyfriend|bf|mom|mommy) (?:arranges|will set up|handles|"
            r"books|sets it up)",
            r"(?:talk|speak|deal) (?:to|with) me,? not (?:her|them|the girls)",
            negative=(
                r"(?:she|they|the girls|girls|ladies) (?:doesn'?t|does not|don'?t|do not|can'?t|cannot) "
                r"(?:speak|talk) (?:much |any |good )?english",
                r"speaks? (?:little|no) english",
            ),
        ),
        "sex.price_codes": terms(
            r"roses", r"donations?", r"hh", r"qv", r"hhr", r"\d+ ?/ ?\d? ?(?:hr|h|hh|qv)", r"cash only", r"full (?:hour|hr)",
            r"half (?:hour|hr)", r"\d+ (?:for )?(?:half|hh|qv)", r"cash upfront",
        ),
        "sex.law_enforcement_evasion": terms(
            r"le (?:not welcome|stay away)", r"law enforcement not welcome",
            negative=(
                r"no (?:le|l\.e\.|law enforcement|cops|police|feds|leo|popo|5-0|five ?o)", r"not (?:le|law enforcement|a cop)",
            ),
        ),
        "sex.client_screening": terms(
            r"verify (?:first|with)", r"verification required", r"(?:must|need to) verify", r"screening required",
            r"references required",
            negative=(r"no (?:private|blocked) (?:numbers|calls)",),
        ),
        "sex.trust_language": terms(
            r"100 ?% real", r"real (?:pics|photos|pictures)", r"pics are real",
            negative=(r"no fakes?", r"not fake"),
        ),
        "sex.adult_service_terms": terms(
            r"incall", r"outcall", r"gfe", r"pse", r"bbb?j", r"bbfs", r"full service (?:gfe|girl|escort)",
            r"happy ending", r"body ?rubs?", r"nuru", r"erotic massage", r"sensual massage", ESCORT,
        ),
        "sex.parlour_cues/strong": terms(
            r"table showers?", r"body (?:to|2) body", r"b2b", r"body slides?", r"soapy", r"happy ending",
            r"full service", r"extras? (?:available|included|on request)", r"special (?:massage|service|treatment)s?",
            r"four hands", r"4 hands", r"sensual", r"tantric",
        ),
        "sex.parlour_cues/staff": terms(
            r"new (?:young |pretty |beautiful |asian |hot |sexy |cute )*(?:staff|girls?|ladies|therapists|masseuses|faces|"
            r"hires|arrivals)",
            r"(?:young|beautiful|pretty|sexy|gorgeous|hot|cute|lovely|attractive|sweet) (?:and \w+ )?(?:asian |oriental )?"
            r"(?:staff|therapists|masseuses|girls|ladies)", r"always new (?:girls|ladies|faces|staff)?",
            r"(?:asian|oriental|korean|thai|chinese|japanese) (?:girls|ladies|staff|therapists|masseuses)",
        ),
        "sex.parlour_cues/clientele": terms(
            r"men only", r"male clients? only", r"gentlemen only", r"for (?:men|gentlemen)", r"male clientele",
            r"(?:gentle)?men welcome",
            negative=(r"no (?:women|ladies|female clients|couples)",),
        ),
        "sex.parlour_cues/rooms": terms(
            r"showers? (?:available|included|room|facilit\w+)", r"vip rooms?", r"private rooms?", r"jacuzzi", r"hot tub",
            r"(?:take|have) a shower",
        ),
        "sex.parlour_cues/hours": terms(
            r"open late", r"late hours", r"late night", r"(?:till|til|until|to) (?:1|2|3|4|midnight|late)\s?(?:am|a\.m\.)?",
            r"24/7", r"24 hours", r"open 24", r"(?:\d{1,2} ?(?:am|pm)?|\d{1,2}:\d\d) ?(?:-|to|till) ?(?:1[0-2]|[1-4]) ?am",
        ),
        "sex.parlour_cues/cash": terms(r"cash only", r"cash (?:preferred|please|at (?:the )?door)", r"tips? (?:expected|required)"),
        "sex.parlour_cues/discreet": terms(
            r"discreet", r"discretion", r"back (?:door|entrance)", r"walk[- ]?ins? welcome", r"private entrance",
            r"parking (?:in|at) (?:the )?(?:back|rear)",
        ),
        "sex.coded_payment": terms(
            r"\$? ?\d+ ?tributes?", r"tributes? (?:is |are )?(?:required|expected|only|accepted|first|upfront|"
            r"in advance|\$ ?\d+|\d+)", r"(?:my|your|the) tribute", r"generous (?:gentlem[ae]n|men|guys|man|donors?|clients)",
            r"(?:pay|paid|payment) per (?:meet|meeting|date|visit)", r"ppm (?:only|\$ ?\d+|\d+|arrangements?|basis)",
            r"(?:mutually beneficial|discreet|nsa|"
            r"no strings) arrangements?", r"arrangements? (?:with|for) (?:a )?(?:generous|discreet|successful)",
            r"sugar (?:daddy|daddies|baby|babies|arrangement)", r"allowance (?:based|arrangement|required|expected)",
            r"(?:donations?|gifts?|roses|compensation) for (?:my |her )?(?:time|company|companionship)",
            r"(?:my|her) time (?:is|costs|starts at) \$? ?\d+", r"(?:pay|paying|paid|compensated) for (?:my |her )?"
            r"(?:time|company)", r"time and companionship", r"companionship (?:only|services?|for (?:gentlem[ae]n|men))",
        ),
        "sex.time_sold": terms(
            r"selling (?:my |her )?time", r"(?:\d+|one|two|an?) (?:hour|hr)s? (?:of|with) (?:me|my time|her)",
            r"(?:rent|hire) (?:me|a girlfriend|a companion|my time)",
            r"(?:companion|company|girlfriend|date) (?:for|by) (?:the|an) hour",
            near=(
                Near((r"specials?", r"deals?", r"promo\w*", r"discount\w*"), (DURATION_PRICE,), window=6),
                Near((r"my time", r"her time", r"time with (?:me|her)", r"companionship", r"my company"),
                     (DURATION_PRICE,), window=6),
            ),
        ),
        "sex.venue_rental": terms(
            r"(?:rooms?|apartments?|apts?|condos?|studios?|place|space|suites?|units?|beds?) for (?:girls|ladies|women) only ~6 "
            r"(?:no lease|no id|no questions|by the night|\$ ?\d+ ?/ ?night|per night|nightly)",
            r"(?:rooms?|apartments?|apts?|condos?|studios?|place|space|suites?|units?|incall) ~4 (?:for|to) "
            r"(?:travel(?:l)?ing|touring|visiting|working|independent|business) (?:ladies|girls|women|providers|"
            r"companions|models|masseuses)",
            r"(?:travel(?:l)?ing|touring|working|independent) (?:ladies|girls|providers|companions) (?:welcome|wanted|only|ok)",
            r"(?:book|rent|reserve|get) (?:a |the )?(?:hotel|motel) (?:room )?~3 (?:for (?:me|us|her|my (?:girls?|friend|"
            r"cousin))|in your name|under your name|with your (?:id|card|credit card))",
            r"(?:need|looking for|seeking) (?:someone|somebody|a (?:guy|man|person)) ~2 (?:to )?(?:book|rent|get|reserve) "
            r"(?:a |the )?(?:hotel|motel|room)",
            r"(?:hotel|motel) rooms? ~3 (?:in your name|under your name)", r"(?:your|with) (?:id|name|card) ~3 (?:hotel|motel)",
            near=(
                Near((r"(?:rent|rental|rooms?|available|apartment) by the hours?", r"hourly (?:room|rental|rent)s?"),
                     (r"ladies", r"girls", r"discreet", r"discretion", r"no questions", r"incall", r"providers"), window=6),
            ),
        ),
        # ------------------------------------------------------------------------- minors
        "minor.youth_language": terms(
            r"barely (?:legal|18)", r"just turned 18", r"18 and fresh", r"young (?:and|n|&) (?:fresh|new|tight|innocent)",
            r"fresh (?:and|n) young", r"(?:very |so )?young (?:girls?|thing|lady|ladies|chick|teens?|latina|asian|ebony)",
            r"teens?", r"teenager", r"school ?girls?", r"school girl look", r"petite and (?:tiny|young|innocent)",
            r"tiny and (?:young|innocent)", r"small and innocent", r"innocent", r"lolita", r"little (?:girl|one)",
            r"lil (?:girl|one)", r"(?:cute|sweet) (?:little|lil)", r"fresh (?:face[d]?|girls?|new|and new)",
            r"never done this before", r"first time (?:in|doing)", r"18 yo fresh",
            r"underage", r"jailbait",
        ),
        "minor.school_family": terms(
            r"after school", r"high school", r"middle school", r"still in school", r"school uniform",
            r"(?:junior|sophomore|freshman|senior) year",
            r"lives with her (?:uncle|parents|mom|aunt)", r"her (?:mom|parents|uncle|aunt) (?:arranges|knows|works)",
            r"weekends only", r"(?:hs|high school) (?:student|senior|junior|graduate)s?",
        ),
        "minor.stated_age_under_18": terms(
            r"(?:girls|boys|teens?|kids|models) (?:aged? |from )?1[0-7] ?(?:-|to) ?1[0-7]",
            r"parents (?:don'?t|do not) need to (?:come|know)",
            r"(?:girls|boys) (?:aged? |from )?1[2-7] (?:and up|\+)",
        ),
        # ------------------------------------------------------------------------- general
        "general.off_platform_contact": terms(
            r"(?:whatsapp|telegram|kik|snap|signal|wechat|text|dm) only", r"only (?:on |via |by )?(?:whatsapp|"
            r"telegram|kik|snap|signal)", r"contact (?:me )?(?:on|via) (?:whatsapp|telegram|kik)",
            r"details (?:on|by|via) (?:whatsapp|telegram)",
        ),
        "general.urgency_pressure": terms(
            r"(?:leave|fly|travel|depart) (?:this|next) week", r"depart (?:immediately|asap)", r"start immediately",
            r"limited (?:places|spots|seats|vacancies)", r"only \d+ (?:places|spots|seats|vacancies) left",
            r"urgent(?:ly)?", r"last chance", r"(?:fly|leave|travel) (?:in|within) \d+ days",
            r"(?:we )?leave (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)",
        ),
        "general.phone_confiscation": terms(
            r"(?:hand|give|turn) (?:in|over) (?:your |their |all )?" + PHONES[0],
            r"(?:we|manager|boss|employer|owner|office|agency|supervisor|management) ~2 (?:keeps?|holds?|collects?|"
            r"takes?|confiscates?) ~2 " + PHONES[0],
            near=(
                Near(PHONES, (r"kept", r"held", r"collected", r"confiscated", r"taken (?:away)?", r"locked (?:up|away)",
                              r"stored", r"deposited", r"surrendered", r"handed (?:in|over)", r"in the (?:office )?safe",
                              r"with the (?:manager|boss|office|supervisor|owner)"), window=4),
            ),
            negative=(
                r"(?:girls|ladies|workers|she|they|staff) (?:\w+ )?(?:have|has|get|keep) no (?:own )?" + PHONES[0],
                r"(?:girls|ladies|workers|she|they|staff) (?:don'?t|do not|doesn'?t|does not|cannot|can'?t|are not "
                r"allowed to|aren'?t allowed to|may not) (?:have|use|keep|hold|carry) (?:a |her |their |own |any )?"
                + PHONES[0],
                r"no (?:personal )?(?:phones?|cell ?phones?|mobiles?) (?:allowed )?(?:for|during) (?:the )?(?:whole |entire )?"
                r"(?:contract|stay|season|first (?:month|months|weeks?))",
            ),
            unless=(
                r"lockers?", r"during (?:the |your |each |working )?(?:shifts?|work|working hours|class|training|exams?|"
                r"meetings?|service)", r"while (?:working|on (?:shift|duty))", r"on the (?:floor|line)", r"break ?room",
                r"returned (?:at|after) (?:the end of )?(?:the |each |your )?(?:shift|day)", r"screen", r"repair\w*",
                r"case", r"charger", r"for sale", r"unlocked", r"numbers?", r"contacts", r"storage", r"memory", r"gb",
                r"updat\w*", r"batter(?:y|ies)", r"sim", r"apps?", r"photos", r"data", r"models?", r"condition",
                r"warranty", r"pictures", r"music",
            ),
        ),
        # ------------------------------------------------------------------------- labour
        "labor.too_good_pay": terms(
            r"easy money", r"high (?:salary|pay|income|wages?)", r"big money", r"earn up to", r"earn \$?\d[\d,.]*",
            r"up to \$?\d{1,3}[,.]?\d{3}", r"\$?\d{1,2}[,.]?\d{3} ?(?:usd|\$|eur|euros?|dollars)? ?(?:/|per|a) ?"
            r"(?:month|mo|week|wk)", r"\$\d{3,4} ?(?:/|per|a) ?day", r"\d{3,4} (?:a|per) day", r"\d+k ?(?:/|per|a) ?(?:week|month)",
        ),
        "labor.no_experience": terms(
            negative=(
                r"no experience (?:needed|necessary|required)", r"no skills? (?:needed|required)",
                r"no english (?:needed|required)", r"no exp needed",
            ),
        ),
        "labor.irregular_status": terms(
            r"undocumented (?:welcome|ok|okay|workers welcome|fine)", r"illegals? (?:welcome|ok|okay)",
            r"(?:on|with) (?:a )?tourist visa", r"cash (?:job|daily|paid daily|under the table)", r"under the table",
            r"off the books",
            negative=(
                r"no (?:papers?|documents?|ssn|social security(?: number)?|work permit|green card|i-?9|id) ?(?:needed|"
                r"required|necessary|no problem|ok|okay|asked)?,? (?:cash|paid in cash)",
                r"no (?:papers?|documents?|ssn|social security(?: number)?|work permit|green card|i-?9) (?:needed|"
                r"required|necessary|no problem|ok|okay|asked)",
                r"without (?:papers|documents|a work permit|a visa) (?:ok|okay|welcome|no problem|fine)",
                r"no questions asked",
            ),
        ),
        "labor.recruitment_fees_debt": terms(
            r"(?:placement|recruitment|recruiting|agency|job|broker|brokerage|deployment|agent'?s?) (?:fee|fees|charge|"
            r"commission)s?",
            r"(?:pay|paying) (?:a|the|an) (?:small |one[- ]time |refundable |registration |processing )?(?:fee|deposit) "
            r"(?:to|for|before) (?:start|get|secure|apply|process|join|register|be placed|the job|your (?:job|visa|"
            r"placement))",
            r"pay to (?:work|get (?:the|a) job|join|be (?:placed|hired))",
            r"(?:costs?|fees?|tickets?|visas?|flights?|airfare|travel|expenses|loans?|advances?)s? ~4 (?:deducted|taken out|"
            r"repaid|paid back|recovered|recouped|withheld) ~2 (?:from|out of|through|with|by) (?:your )?(?:salary|"
            r"wages|pay|paychecks?|earnings|first|work)",
            r"first (?:month'?s?|two months'?|\d+ months'?|weeks?'?s?) (?:salary|wages|pay) ~3 (?:goes|go|is paid|are paid|"
            r"paid|given) to (?:the )?(?:agency|agent|recruiter|us|company|broker)",
            r"work off (?:the|your|a) debt", r"(?:model|modelling|modeling|contract|travel) debt",
            r"(?:you|models?|workers?|girls) ~2 (?:owe|repay|pay back) (?:the agency|us|the company|the boss)",
            near=(
                Near((r"tickets?", r"flights?", r"visas?", r"airfare", r"travel(?: costs?)?", r"fees?", r"costs?"),
                     (r"repay\w*", r"pay (?:it |us |them |the agency )?back", r"paid back", r"work (?:it )?off",
                      r"worked off"), window=6),
                Near((r"debts?", r"loans?", r"advanced", r"advance", r"fronted", r"owe", r"owed", r"paid in advance"),
                     (r"repay\w*", r"pay (?:it )?back", r"paid back", r"work (?:it )?off", r"worked off", r"deducted",
                      r"from (?:your )?(?:salary|wages|pay|earnings|first)"), window=5),
                Near((r"(?:processing|consultation|consultancy|sponsorship|visa processing|fast-track processing)",),
                     (r"[$£€] ?\d[\d,.]*", r"\d[\d,.]* ?(?:usd|eur|gbp|dollars|euros|pounds)"), window=2),
                Near((r"(?:registration|processing|application|training|medical|visa|documentation|orientation|joining|"
                      r"portfolio|casting|enrollment|membership|booking|deposit|security deposit|consultation|"
                      r"consultancy|sponsorship) (?:fee|fees|charge)s?",),
                     (r"jobs?", r"work", r"positions?", r"placement", r"employment", r"hiring", r"recruit\w*", r"agency",
                      r"candidates?", r"workers?", r"models?", r"talent", r"roster", r"abroad", r"overseas", r"contract",
                      r"start (?:work|working)"), window=6),
            ),
            unless=(
                r"(?:paid|covered|borne|reimbursed|refunded) by (?:the )?(?:employer|company)",
                r"(?:employer|company) (?:pays?|covers?|reimburses?|will (?:pay|cover|reimburse))",
                r"debt[- ]free", r"debt consolidation", r"credit",
            ),
        ),
        "labor.travel_arranged": terms(
            r"(?:we|agency|employer|company) (?:will )?(?:arrange|arranges|handle|handles|provide|provides|take care of) "
            r"(?:everything|all|your visa|the visa|visa|ticket|flight|travel|papers)",
            r"visa and (?:ticket|flight|travel)", r"(?:ticket|flight|travel),? (?:and )?visa", r"all (?:arranged|taken care of)",
            r"everything (?:arranged|is arranged|is taken care of)", r"free (?:flight|ticket|visa)",
            r"pick you up at the airport", r"(?:travel|flight|ticket)s? (?:\w+ ){0,2}(?:paid|covered) by (?:us|the agency)",
            r"guaranteed (?:visas?|work visas?|job offers?|placements?)", r"visas? guaranteed", r"(?:flights?|travel) arranged",
        ),
        "labor.document_retention": terms(
            r"(?:we|employer|company|agency|boss|manager|management|they|agent|recruiter|office|owner|supervisor|"
            r"sponsor)(?:'ll| will| shall| must| may| would)? ~1 (?:keep|hold|retain|collect|take|confiscate|store|"
            r"look after|take care of|safeguard|lock (?:up|away))s? ~3 (?:" + "|".join(DOCUMENTS) + ")",
            r"i(?:'ll| will)? (?:keep|hold|take) (?:your|their|the workers'?|everyone'?s) (?:" + "|".join(DOCUMENTS) + ")",
            r"(?:hand|turn|give) (?:over|in) (?:your |all |their )?(?:original )?(?:" + "|".join(DOCUMENTS) + ")",
            r"(?:surrender|deposit|leave) (?:your |their )?(?:original )?(?:" + "|".join(DOCUMENTS) + ")",
            r"(?:give|hand|send) (?:us|the (?:agent|office|manager|boss|employer|agency)) (?:your )?(?:original )?"
            r"(?:" + "|".join(DOCUMENTS) + ")",
            near=(
                Near(DOCUMENTS, (r"kept", r"held", r"retained", r"collected", r"confiscated", r"taken (?:away|from)",
                                 r"stored", r"locked (?:up|away|in)", r"surrendered", r"handed (?:over|in)", r"deposited",
                                 r"safe ?keeping", r"in (?:the |our |a )?(?:office )?safe",
                                 r"(?:stays?|remains?) with (?:the )?(?:employer|agency|company|office|manager|boss|us)",
                                 r"(?:keep|keeps|kept|hold|holds|held|stay|stays) (?:by|with) (?:the |our )?(?:boss|"
                                 r"employer|company|agency|agent|manager|owner|sponsor|office|supervisor)"),
                     window=4),
            ),
            unless=(
                r"cop(?:y|ies)", r"photocop\w+", r"scan\w*", r"photos? of", r"pictures? of", r"valid", r"renew\w*",
                r"expir\w*", r"embassy", r"consulate", r"apply for", r"application", r"bring", r"with you",
                r"on you", r"(?:passport|id) (?:photos?|pictures?|holders?)", r"holders?", r"must hold", r"checked",
                r"verified", r"shredded", r"securely (?:deleted|destroyed)", r"lost", r"found",
            ),
        ),
        "labor.confinement": terms(
            r"(?:workers|staff|girls|ladies|you|they|employees|we|everyone) (?:are |will be |get |stay |remain )?"
            r"(?:locked (?:in|inside|up)|confined)",
            r"(?:must|have to|will) (?:stay|remain|live) (?:on|at|in|inside) " + PLACES + r" (?:at all times|24/7|"
            r"all the time|day and night|(?:for|during) the (?:whole|entire) (?:contract|season|stay))",
            r"(?:permission|approval) (?:from (?:the )?(?:boss|manager|employer|supervisor|agency|owner) )?(?:is )?"
            r"(?:needed|required) (?:to|before) (?:leave|leaving|go out|going out|go into town)",
            r"(?:must|need to) ask (?:for )?(?:permission|the (?:boss|manager|owner|supervisor)) (?:to|before) (?:leave|"
            r"leaving|go out|going out)",
            r"strict curfew", r"curfew (?:for|on) (?:the )?(?:workers|staff|girls|employees)", r"restricted movement",
            r"(?:trips?|transport|rides?|outings?|shopping|going out|days? off) ~4 (?:only )?(?:with|accompanied by|escorted by) "
            r"(?:a |the |our )?(?:supervisor|manager|boss|guard|security)", r"movement (?:is )?restricted", r"(?:always|only) (?:go out|leave) "
            r"(?:with|accompanied by) (?:a |the )?(?:supervisor|manager|boss|driver|guard|staff)",
            r"so (?:nobody|no one) runs? (?:off|away)",
            near=(
                Near((r"escorted", r"chaperoned", r"guarded"), OUTINGS, window=3),
                Near((r"gates?", r"doors", r"compound", r"dorm\w*", r"hostel", r"barracks", r"living quarters",
                      r"housing", r"premises", r"bedrooms?"),
                     (r"locked (?:at night|from (?:the )?outside|all (?:day|night)|after|until|overnight)", r"padlocked",
                      r"guarded"), window=3),
            ),
            negative=(
                r"(?:not|never|no one is|nobody is|cannot|can'?t|may not|must not|aren'?t|isn'?t|are not|is not) "
                r"(?:allowed|permitted|free) to (?:leave|go out|go outside|go (?:in)?to town|exit|walk out|quit)",
                r"(?:cannot|can'?t|may not|must not|do not|don'?t|never) (?:leave|go out(?:side)?)(?: of)? " + PLACES,
                r"no (?:going|leaving|walking) (?:out|outside|alone|" + PLACES + r")",
                r"(?:not|never) (?:allowed|permitted) (?:out|outside|off (?:the )?(?:site|premises|farm|compound|boat))",
                r"(?:not|never) (?:allowed|permitted) to go out alone",
                r"never (?:leave|leaves|left|go out|goes out) (?:the )?(?:place|house|building|premises|spa|shop)",
                r"(?:hasn'?t|haven'?t|has not|have not) been outside",
            ),
            unless=(
                r"pets?", r"dogs?", r"cats?", r"smoking", r"children", r"kids", r"guests? (?:are )?not", r"residents?",
                r"clients?", r"patients?", r"seniors?", r"students?", r"elderly", r"campers", r"visitors",
            ),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:only )?(?:at|after|upon|on) (?:the )?(?:end|completion|finish) of "
            r"(?:the |your |our |a |an )?(?:\w+[- ]?\w* )?(?:season|contract|tour|trip|harvest|job|project|year|term|"
            r"stay|placement|probation(?: period)?|\d+ months)",
            r"(?:" + "|".join(WAGES) + r") ~3 (?:after|when|once) (?:the |your )?(?:season|contract|trip|tour|harvest|"
            r"job|project|cruise|work)s? (?:ends|is over|finishes|is (?:completed|finished|done))",
            r"(?:paid|pay|payment) ~2 after (?:the |your )?(?:trip|tour|season|contract|cruise|event|harvest)",
            r"(?:we|employer|agency|company|boss|manager|owner) ~2 (?:keeps?|holds?|saves?|manages?|withholds?) ~2 "
            r"(?:your |their |the workers'? |all )?(?:wages|salary|salaries|pay|earnings|money)",
            near=(
                Near(WAGES, (r"held", r"withheld", r"kept", r"retained", r"deferred", r"held back", r"saved for you"),
                     window=3),
            ),
            negative=(
                r"no (?:pay|wages|salary|money) (?:until|before|for the first)",
                r"(?:unpaid|no pay) (?:for|during) the first (?:\w+ )?(?:month|months|weeks?|season)",
            ),
            unless=(
                r"bonus\w*", r"completion", r"gratuit(?:y|ies)", r"tips", r"commissions?", r"incentives?",
                r"(?:each|every) (?:month|week)", r"weekly", r"biweekly", r"monthly", r"deposit (?:back|returned)",
                r"security deposit", r"tax\w*", r"refund\w*",
            ),
        ),
        "labor.wage_deductions": terms(
            r"(?:we|employer|company|agency) ~1 deduct\w* ~3 (?:" + "|".join(LIVING_COSTS) + ")",
            r"deductions? (?:for|of) (?:" + "|".join(LIVING_COSTS) + ")",
            near=(
                Near(LIVING_COSTS, (r"deducted", r"taken (?:out )?(?:of|from) (?:your |the )?(?:pay|wages|salary|paycheck|check)",
                                    r"taken out of", r"subtracted",
                                    r"comes? out of (?:your )?(?:pay|wages|salary|paycheck|check)"),
                     window=4),
            ),
        ),
        "labor.excessive_hours": terms(
            r"(?:work|working|shifts?|job) ~3 (?<!open )(?<!opened )(?:7|seven) days (?:a|per|/|each) ?week",
            r"(?:7|seven) days (?:a|per|/|each) ?week ~3 (?:work|working|shifts?|no (?:days? )?off)",
            r"(?:work|working|shifts?|duty|job) ~2 (?:1[4-9]|2[0-4]|fourteen|fifteen|sixteen|eighteen)[ -]?(?:hours?|hrs?|"
            r"h)(?: of work)? (?:a|per|each|/) ?(?:day|shift)",
            r"(?:1[4-9]|2[0-4])[ -]?hour (?:shifts?|work ?days?|working days)", r"(?:must be|be) on call 24/7",
            r"(?:must be|be) available 24/7",
            r"work(?:ing)? (?:around|round) the clock",
            negative=(r"no (?:days?|day) off", r"no rest days?", r"no breaks?", r"without (?:a )?(?:day|days) off",
                      r"never a day off", r"no weekends? off"),
        ),
        "labor.vague_employer": terms(
            r"(?:well.?known|reputable|big|international|famous|confidential|private) (?:company|employer|client|hotel|"
            r"restaurant|factory|firm|club)", r"our client", r"employer (?:name )?(?:confidential|not disclosed)",
            r"details (?:on|by|via|in) (?:whatsapp|telegram|phone|dm|message|inbox|private)",
        ),
        "labor.appearance_restrictions": terms(
            r"(?:girls|women|ladies|females?) (?:aged? |from )?\d{2} ?(?:-|to) ?\d{2}",
            r"(?:pretty|attractive|beautiful|good.?looking|slim|sexy)(?:,? \w+)? (?:girls|women|ladies|appearance)",
            r"good (?:appearance|figure)", r"(?:females?|girls|women) only", r"\d{2} ?- ?\d{2} only",
            r"(?:must be )?open[- ]minded (?:girls|ladies|women)?", r"(?:send|with) (?:your |a |\d+ )?(?:full[- ]?body|"
            r"bikini|swimsuit|body|full[- ]length) (?:pics|photos?|pictures?|shots?)",
            r"send (?:your |a )?(?:photo|picture|pic|headshot|selfie)s? (?:and|with|\+|&) (?:your )?age",
            r"(?:girls|ladies|women) (?:for|to work (?:in|at)) (?:a |our )?(?:bar|club|karaoke|nightclub|lounge|disco)",
        ),
        "labor.work_abroad": terms(
            r"(?:work|jobs?|employment|positions?|opportunit(?:y|ies)|vacanc(?:y|ies)) (?:in|abroad) (?:dubai|qatar|"
            r"abroad|overseas|europe|japan|malaysia|saudi arabia|kuwait|poland|germany|italy|the uk|korea|taiwan|"
            r"singapore|israel|canada|the usa|america|australia|cyprus|turkey|russia)",
            r"work abroad", r"overseas (?:jobs?|work|employment|positions?)",
        ),
        "labor.talent_lure": terms(
            r"(?:private|one[- ]on[- ]one|1[- ]on[- ]1|vip|personal|discreet) (?:photo ?)?(?:shoots?|sessions?|bookings?|"
            r"parties|events|clients) ~4 (?:cash|paid in cash|same[- ]day (?:pay|cash)|paid daily)",
            r"(?:cash|paid in cash) ~3 (?:private|one[- ]on[- ]one|1[- ]on[- ]1|vip|personal) (?:photo ?)?(?:shoots?|sessions?)",
            r"(?:yacht|vip|private) (?:parties|events|trips|holidays|tours) ~3 (?:models|girls|hostesses)",
            r"(?:models|girls|hostesses) (?:needed |wanted )?for (?:\w+ ){0,2}(?:yacht|vip|private) (?:parties|events|trips)",
            r"travel (?:with|to meet) (?:rich |wealthy |vip )?(?:clients|vips|businessmen|sponsors)",
            r"(?:paid|payment|pay) ~3 after the (?:trip|tour|event|shoot|cruise)",
            near=(
                Near((r"fees?", r"pay", r"deposit", r"cost", r"\$ ?\d+"),
                     (r"(?:to )?(?:join|be on|get on|be added to|sign(?:ed)? (?:to|with)) (?:our |the )?(?:roster|agency|"
                      r"books|board|database|talent pool|model list|portfolio)",
                      r"(?:portfolio|comp ?cards?|test ?shoots?|headshots?) (?:fee|cost|required)"), window=5),
            ),
        ),
    },
)
# fmt: on
