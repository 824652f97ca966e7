"""English posting templates, by genre and label (rules in LABELING.md)."""

from __future__ import annotations

from classifier.training.corpus.templates import L, M, S, Template


def _t(
    id: str,
    genre: str,
    label: int,
    cats: tuple[str, ...],
    pattern: str,
    hn: str | None = None,
    w: float = 1.0,
) -> Template:
    return Template(f"en-{id}", "en", genre, label, cats, pattern, hn, w)


EN_TEMPLATES: tuple[Template, ...] = (
    # ------------------------------------------------------------------ escort / personal ads
    _t(
        "escort-2-menu",
        "escort",
        2,
        (S,),
        "{NEW|🆕 NEW|Just arrived|JUST ARRIVED} {girls|gurls|angels|ladies} in <city> {this week|today|tonight}"
        "{!!|!!!|} <emo_sexy> We have <ethnic>, <ethnic2> {and|&} <ethnic3> girls {available|ready} {24/7|all night}."
        " {She is|They are|Our girls are} {sweet|very sweet|so obedient} and {will do anything to make you happy|"
        "never say no}. Incall only at {hotel|motel|our place} {near|by} <landmark>. {Daddy|Manager|My driver} "
        "{handles all booking|will meet you at the door|takes the money}. {<p_hh> hh / <p_h> h|<p_hh> roses qv, "
        "<p_h> roses hr}. {No LE|No cops|NO LAW ENFORCEMENT}. {Text|Call} <phone_obf>",
        w=1.2,
    ),
    _t(
        "escort-2-thirdperson",
        "escort",
        2,
        (S,),
        "{Sweet|Petite|Pretty|Exotic} <alias> {is|iz} {only|just} <age_young> {and|&} {new to the business|brand new "
        "to this|in town with her friend}. She {doesn't speak much English|speaks little english|is shy at first} so "
        "{text|msg} me {and I set it up|to book her|not her}. {Hotel|Motel} incall {near|off} <highway>. {Cash only|"
        "Cash ONLY}, {<p_h> roses|<p_h> donation|<p_h>/hr}. {No blocked numbers|No private calls}, {no cops|no LE}. "
        "<phone>",
    ),
    _t(
        "escort-2-tour",
        "escort",
        2,
        (S,),
        "<alias> & <alias2> {on tour|touring|TOUR} 👑 <city> {tonight only|Mon-Wed} then <city2> {and|&} <city3>. "
        "{Our girls|My girls|The girls} {are always|r always} {new|fresh|different}, {100% real pics|real pics "
        "100%}. {Book through|Call} {me|manager|the booker} <phone_obf> {no texts|text only|}. {Incall only|No "
        "outcall|Incall only - hotel}. <emo_sexy>",
    ),
    _t(
        "escort-2-minor-fresh",
        "escort",
        2,
        (S, M),
        "<emo_young> {Young|Fresh|Very young} {and|n} {new|brand new} <alias> {just turned 18|barely legal|18 and "
        "fresh|barely 18} <emo_young> {still in school|school girl look|petite and tiny|small and innocent} {lol|😜|}. "
        "{Ask for|Text} {her|daddy|her manager} <phone_obf>. {Her first time in|First week in} <city>. {Incall only|"
        "Incall only, my place|Hotel incall}. {No LE|No cops|Discreet}",
    ),
    _t(
        "escort-2-minor-weekly",
        "escort",
        2,
        (S, M),
        "{LOOK|Look|👀 LOOK} {‼️|!!} {new|fresh} {young|teen|petite} {girls|gurlz|ladies} {every week|weekly} at "
        "{our|the} {spot|house} in <city>. {Barely 18|Just turned 18|18 yo}, {tiny|small} {and eager to please|never "
        "done this before}. <emo_young> {Hh <p_hh>|<p_hh> for a quick visit|qv <p_hh>}. {Ask for manager|Driver "
        "available|We arrange everything}. {Snap|Kik|Telegram}: <handle>",
    ),
    _t(
        "escort-2-minor-school",
        "escort",
        2,
        (S, M),
        "{cute|sweet} {little|lil} <alias> {only|just} <age_minor>{| yrs} {looking for|wants} {a generous|an older} "
        "{daddy|man} {for fun|to spoil her} 🎀 {after school|weekends only|she lives with her uncle}. {Her|My} "
        "{cousin|uncle|friend} {arranges|will set up} {meet|everything}. {donation <p_h>|<p_h> roses}. <handle>",
        w=0.8,
    ),
    _t(
        "escort-1-visiting",
        "escort",
        1,
        (S,),
        "{Hi gentlemen|Hey guys|Hello there|Hi loves}, I'm <alias>, <age_adult>, {visiting|new in} <city> {for a few "
        "days|this weekend only|until Sunday}. {Incall|Incall and outcall} {available|avail}. {Roses|Donation}: "
        "<p_h>/hr. {Text|Call} <phone>. {No explicit talk|Serious gentlemen only|Screening required}.",
    ),
    _t(
        "escort-1-mature",
        "escort",
        1,
        (S,),
        "{Sexy|Gorgeous|Curvy} {mature|grown} {lady|woman} {available|here} {tonight|this evening} <emo_sexy> "
        "{Upscale|Discreet} {companionship|company}. {<p_h> roses|<p_h>/hr}, {cash|cash or cashapp}. {Incall "
        "near|In-call close to} <landmark>. {Verify first|Must verify|References required}. <phone>",
    ),
    _t(
        "escort-1-leaving",
        "escort",
        1,
        (S,),
        "{Leaving soon|Last days in town|Only here til Friday}!! <alias> {here|back} in <city> <emo_sexy> {Come see "
        "me|Don't miss me}. {100% real pics|real pics no fakes}. {hh <p_hh>|<p_hh> qv}. {Text only|texts only} "
        "<phone_obf>.",
    ),
    _t(
        "escort-1-companion",
        "escort",
        1,
        (S,),
        "{Independent|Indy} {companion|provider} {in|around} <city>. I'm <age_adult>, {educated|well travelled} and "
        "{love good conversation|enjoy dinner dates}. {Generous gentlemen only|Gifts appreciated}. {Incall|Incall in "
        "a private apartment}. {Email|Contact} <email>",
    ),
    # ------------------------------------------------------------------ massage
    _t(
        "massage-0-lmt",
        "massage",
        0,
        (),
        "<full_name>, LMT ({license|lic.} #<license>) - {therapeutic|deep tissue|Swedish|sports} massage in <city>. "
        "{60 min|One hour} $<p_massage>, {90 min|90 minutes} $<p_massage2>. {Located at|Office at} <address>, "
        "{Suite 2<day>|2nd floor}. {Book online at|Schedule at} <website> or call <phone>. {Licensed by the state "
        "board|Member of AMTA|Insurance receipts available}. {Draping is used at all times|Professional, therapeutic "
        "massage only}.",
        hn="licensed_massage",
        w=1.3,
    ),
    _t(
        "massage-0-therapist",
        "massage",
        0,
        (),
        "{Sore back|Tight shoulders|Training for a marathon|Desk job neck pain}? {I am|I'm} a licensed massage "
        "therapist with <n_years> years of experience {in|specializing in} {prenatal|sports recovery|myofascial "
        "release|trigger point} {massage|work}. {Clinic hours|Hours}: {Mon-Sat 9-6|Tue-Sun 10am-7pm}. <address>. "
        "{HSA/FSA accepted|Gift cards available|Physician referrals welcome}. {Call|Text} <phone> {to book|for "
        "appointments}.",
        hn="licensed_massage",
        w=1.3,
    ),
    _t(
        "massage-0-newintown",
        "massage",
        0,
        (),
        "{We're|We are} new in town! <spa_name> Day Spa {opened|just opened} on <street> <emo_spa> {Licensed "
        "therapists|All our therapists are state-licensed (LMT)}, {facials|hot stone|couples massage|reflexology}. "
        "{Grand opening|Opening week} special: {20% off|$10 off} your first {visit|session}. <phone> - <website>",
        hn="licensed_massage",
    ),
    _t(
        "massage-0-mobile",
        "massage",
        0,
        (),
        "Mobile {sports|chair|therapeutic} massage for {offices|events|athletes} in <city>. {Certified|Licensed} "
        "(MT #<license>), {fully insured|liability insured}. {Chair massage for your team|Post-race recovery} from "
        "$<p_massage>/hr. {Invoices for companies|Corporate wellness packages}. <email>",
        hn="licensed_massage",
    ),
    _t(
        "massage-1-grandopening",
        "massage",
        1,
        (S,),
        "{Grand opening|New management|GRAND OPENING}!! <emo_spa> {Asian|Oriental} massage <city> {open late|open "
        "9am-midnight} {7 days|every day}. {New staff|New young staff|New girls} {every week|weekly} {very nice|very "
        "friendly}. {Table shower|Shower available}, {private rooms|VIP room}. {Walk-ins welcome|Walk ins OK}. <phone>",
        w=1.2,
    ),
    _t(
        "massage-1-bodyrub",
        "massage",
        1,
        (S,),
        "{Relaxing|Best} {body rub|bodyrub|full body massage} by {beautiful|pretty|gorgeous} {girls|ladies} {near|by} "
        "<landmark> <emo_sexy> {Incall only|In-call only}. $<p_hh>/{30min|half hour}. {Call or text|Text} <phone>",
    ),
    _t(
        "massage-2-livein",
        "massage",
        2,
        (S,),
        "{NEW|🆕} {young|beautiful young} {Asian|Thai|Korean|Chinese} girls {just arrived|new this week} {at|@} "
        "<spa_name> {massage|spa} 🌹 {Girls live on site|Staff live in|Girls stay here}, {available 24/7|open 24 "
        "hrs}. {Incall only|No outcall}. {Cash only|CASH ONLY}, {tips extra|extra service ask girl}. {No LE|No "
        "police|No cops}. <phone_obf>",
    ),
    _t(
        "massage-2-recruit",
        "massage",
        2,
        (S, L),
        "{Massage|Spa} {job|work} for {girls|women} {18-25|under 28} {from|coming from} <country_src>, {room and food "
        "provided|live at the shop}. {Boss keeps passport safe|Documents held by owner}, {pay back|repay} {ticket|"
        "travel cost} {from tips|from earnings}. {No English needed|No experience}. {Contact|WhatsApp} <phone>",
    ),
    # ------------------------------------------------------------------ jobs
    _t(
        "job-0-aupair",
        "job",
        0,
        (),
        "<agency_aupair> ({a licensed au pair sponsor|J-1 designated sponsor}) is {matching|recruiting} au pairs "
        "{for|with} host families in <city>. {Ages 18-26|Candidates 18-26}, {childcare experience required|200+ "
        "hours childcare experience}. {Stipend|Weekly stipend} $<aupair_stipend>/week, {private room|own bedroom}, "
        "{$500 education allowance|education allowance of $500}, {12-month|one-year} {contract|program} under "
        "State Department rules. {You keep your own passport and documents at all times|No fees charged to au "
        "pairs}. Apply: <website>",
        hn="legit_job",
        w=1.2,
    ),
    _t(
        "job-0-seasonal",
        "job",
        0,
        (),
        "<employer_farm> is hiring <n> seasonal {pickers|harvest workers|packing shed workers} for the {cherry|apple|"
        "blueberry} season (H-2A), <month> <day> to {October|November} 15. {Wage|Pay} $<wage>/hr, {housing provided "
        "free of charge|free inspected housing}, {transportation reimbursed|inbound travel reimbursed after 50% of "
        "the contract}. {Written contract in English and Spanish|Contract provided before travel}; no fees charged "
        "to workers. Job order #<job_order>. {Apply at|Call} <phone>.",
        hn="legit_job",
        w=1.2,
    ),
    _t(
        "job-0-cruise",
        "job",
        0,
        (),
        "<cruise_line> {is hiring|seeks} {stateroom attendants|galley utility staff|bar servers|deckhands|"
        "assistant cooks} for {8-month|7-month} contracts {sailing from|departing} <city>. {Salary|Monthly pay} "
        "$<salary_legit>/month + {tips|gratuities}, {cabin, meals and medical included|room, board and health care "
        "provided}. {MLC 2006 compliant contracts|Contracts under MLC 2006}; {we never charge recruitment fees|no "
        "recruitment fee charged, ever}. {Apply online at|Careers:} <website>",
        hn="legit_job",
        w=1.1,
    ),
    _t(
        "job-0-construction",
        "job",
        0,
        (),
        "<employer_construction> - {now hiring|hiring} {journeyman electricians|framers|concrete finishers|"
        "general laborers|drywall hangers} for {a hospital project|a school build|commercial jobs} in <city>. "
        "$<wage>-$<wage2>/hr DOE, {benefits after 60 days|health/dental/401k}, {OSHA 10 required|OSHA 10 a plus}. "
        "{Office|Apply in person at} <address>, {M-F 7am-3pm|weekdays 7-3}. {E-Verify employer|EOE}. <phone>",
        hn="legit_job",
        w=1.1,
    ),
    _t(
        "job-0-restaurant",
        "job",
        0,
        (),
        "{Line cook|Dishwasher|Prep cook|Server|Host} wanted at <restaurant> ({<street>|downtown <city>}). {Full "
        "time|Part time|Evenings and weekends}, $<wage>/hr {+ tips|plus tip share}, {paid weekly|paid every other "
        "Friday}. {Apply in person|Drop off your resume} {2-4pm|between lunch and dinner} or email <email>.",
    ),
    _t(
        "job-0-nanny",
        "job",
        0,
        (),
        "{Family in|We're a family in} <city> {looking for|seeking} a {nanny|babysitter} for our {two kids|toddler|"
        "6 and 9 year olds} {Mon-Thu|weekdays} {8am-5pm|after school}. $<wage>/hr, {paid on the books|W-2, paid sick "
        "days}, {CPR certified preferred|references required}. {Please message|Email} <email> {with your experience|"
        "with a little about yourself}.",
    ),
    _t(
        "job-0-warehouse",
        "job",
        0,
        (),
        "{Warehouse associates|Forklift operators|Order pickers} needed - {1st and 2nd shift|day shift}, "
        "<employer_construction> Distribution, <address>. $<wage>/hr, {overtime available|weekly pay}, {benefits "
        "day one|PTO after 90 days}. {Must pass drug screen|Forklift cert provided}. {Apply at|Apply online:} "
        "<website>",
    ),
    _t(
        "job-1-abroad",
        "job",
        1,
        (L,),
        "{EARN|Make} $<salary_high>/month {working abroad|overseas} in <country_dest>! <emo_job> {No experience "
        "needed|No experience required}. {Jobs in|Positions in} {hotels, factories and farms|factories, cleaning, "
        "packing}. {Limited places|Hurry, few spots left}. {Contact us on WhatsApp|WhatsApp only} <phone>",
        w=1.2,
    ),
    _t(
        "job-1-fee",
        "job",
        1,
        (L,),
        "{Hiring now|Urgent hiring} <job_title_low> {for|in} <country_dest>, {visa assistance available|we help with "
        "visa}. {Processing fee|Small registration fee} $<fee> {required|applies}. {Send CV|Inbox} {to|on} "
        "{Telegram|WhatsApp} <handle>.",
    ),
    _t(
        "job-1-hostess",
        "job",
        1,
        (S,),
        "{Girls|Ladies} {wanted|needed} for {hostess|promo|bar} {work|jobs} {in|at} <city>. {Must be|Only} "
        "{attractive|pretty}, {18-25|young}. {Great money|Earn $$$ fast} {cash daily|paid daily}. {Send pics|Send "
        "photo and age} to <handle>.",
    ),
    _t(
        "job-1-cash",
        "job",
        1,
        (L,),
        "{Workers|Guys} needed {today|this week} for {demolition|roofing|landscaping} - {cash daily|$<wage2>0/day "
        "cash}. {Ride provided|We pick you up at} <landmark>. {Can stay at our place|Room available with us}. {No "
        "papers ok|No ID needed}. {Call|Text} <phone>",
    ),
    _t(
        "job-2-bondage",
        "job",
        2,
        (L,),
        "{Jobs in|Work in} <country_dest> {for|-} {farm|factory|construction} workers. {Salary|Pay} $<salary_high>/"
        "month. {We arrange|Agency arranges} {ticket, visa and housing|flight, visa and room}. {Cost|All costs} "
        "($<fee>) {deducted from salary|repaid from your first months' salary}. {Employer keeps passport|Passport "
        "kept by company} {for safety|during the contract}. {Leave this week|Departure in 5 days}. {Contact only|"
        "Only} WhatsApp <phone>.",
        w=1.3,
    ),
    _t(
        "job-2-fishing",
        "job",
        2,
        (L,),
        "{Need|We need} <n> {men|workers} {for|to} {fishing boat|fishing vessel} {work|jobs} {in|off} <sea>. {No "
        "experience|No papers needed}. {Advance|Cash advance} $<fee> {for family|to your family}, {repay from "
        "catch|paid back from wages}. {Documents held|Captain holds documents} {until contract ends|until debt "
        "paid}. <phone>",
    ),
    _t(
        "job-2-waitress",
        "job",
        2,
        (S, L),
        "{Looking for|Seeking} {girls|young women} {18-25|19-24}, {pretty|slim and pretty}, {for waitress|for "
        "waitress and hostess} {work|jobs} in <country_dest>. {Salary|Earn} $<salary_high>+/month, {ticket and visa "
        "advanced|flight and visa paid by us}, {repaid from salary|you pay back later}. {No experience|No English "
        "needed}. {Send photos|Send full body photos} {to|on} {WhatsApp|Telegram} <phone>. {Leave within a week|"
        "Urgent departure}.",
        w=1.3,
    ),
    _t(
        "job-2-domestic",
        "job",
        2,
        (L,),
        "{Housemaids|Domestic helpers} {needed|wanted} for {families|VIP families} in <country_dest>. {Age 21-35|"
        "Women 21-35}. {Free ticket|Ticket paid}, {salary $<salary_legit>|good salary}. {Sponsor keeps passport|"
        "Passport surrendered to sponsor on arrival}, {no days off first 6 months|day off after loan is repaid}. "
        "{Placement fee deducted|Agency fee taken} from salary. <phone>",
    ),
    _t(
        "job-2-minor",
        "job",
        2,
        (L, M),
        "{Boys|Kids|Teens} {14-17|15 to 17|under 18 ok} {needed|wanted} for {farm|market|street selling} work in "
        "<city2>. {Food and a place to sleep|Room provided}, {pay sent to family|money sent to parents}. {No school "
        "needed|Can leave school}. {We pick up|Transport arranged} {this week|Friday}. <phone_obf>",
        w=0.8,
    ),
    # ------------------------------------------------------------------ modeling / talent
    _t(
        "model-0-agency",
        "modeling",
        0,
        (),
        "<agency_model> ({licensed talent agency|state-licensed, lic. #<license>}) {open call|open casting} "
        "{Saturday|this Saturday} <month> <day> at <address>, {10am-2pm|11-3}. {Ages 18+|Adults 18+ only; minors "
        "must attend with a parent}. {Bring|Please bring} {two snapshots|a headshot} {and|&} {ID|photo ID}. {We "
        "never charge upfront fees|No fee to register - we earn commission only on booked work}. <website>",
        w=1.1,
    ),
    _t(
        "model-0-photographer",
        "modeling",
        0,
        (),
        "{Photographer|Portrait photographer} in <city> {looking for|seeking} models for {a TFP|a paid} {portrait|"
        "fashion|streetwear} shoot {in the park|at my studio} on <month> <day>. {Portfolio|Work}: instagram "
        "@<handle>. {Bring a friend if you like|Chaperones welcome}. {Model release provided|Paid $<wage>/hr, "
        "release signed}.",
    ),
    _t(
        "model-0-extras",
        "modeling",
        0,
        (),
        "{Background extras|Extras} needed for {an indie film|a TV commercial|a music video} shooting in <city> "
        "<month> <day>-<day>. {All ages and looks|Adults 18+ of all types}. $<wage2>0/day {plus meals|+ craft "
        "services}, {paid via payroll|union rates}. {Submit through|Apply at} <website>.",
    ),
    _t(
        "model-1-wanted",
        "modeling",
        1,
        (S,),
        "{Models wanted|MODELS NEEDED}!! {Earn|Make} $<daily_high>/day {modeling|doing photo shoots}. {No "
        "experience|No exp} {needed|necessary}. {Girls|Females} {18-25|young}, {send pics|send 3 pics (one full "
        "body)} to <handle>. {Travel opportunities|Travel included}!",
    ),
    _t(
        "model-1-webcam",
        "modeling",
        1,
        (S,),
        "{Webcam|Online} {models|chat hosts} {wanted|needed}, {work from our studio|studio provided} in <city>. "
        "{Earn|Up to} $<salary_high>/month. {Girls 18+|18+ ladies}, {no experience|we train you}. <handle>",
    ),
    _t(
        "model-2-minor",
        "modeling",
        2,
        (S, M),
        "{Casting|Modeling contract} for {young girls|girls} {14-17|15-18|16+} {in|for} {Europe|Dubai|Asia}! "
        "{Parents don't need to come|No parents needed}. {We pay|Agency pays} {flight and apartment|travel and "
        "housing}, {you repay from first jobs|repaid from bookings}. {Send bikini photos|Send photos in swimsuit} "
        "{to|on} <handle>. {Leave in 2 weeks|Quick departure}.",
    ),
    _t(
        "model-2-vip",
        "modeling",
        2,
        (S, L),
        "{International|VIP} {modeling|hostess} {agency|company} {recruiting|seeking} {pretty|beautiful} girls "
        "{18-23|18-24} for {events|clubs} in <country_dest>. {Free flight, visa and apartment|Everything arranged: "
        "ticket, visa, apartment}. {Agency holds passports for visa processing|Passport given to manager on "
        "arrival}. {Must be open-minded|Must be friendly with VIP clients}. {WhatsApp|Telegram} <phone>",
    ),
    # ------------------------------------------------------------------ travel / visa
    _t(
        "visa-0-firm",
        "travel_visa",
        0,
        (),
        "<visa_firm> - {immigration attorneys|registered immigration consultants (RCIC #<license>)}. {Student, work "
        "and family visas|H-1B, L-1 and family petitions}. {Flat fees published on our site|Transparent flat fees "
        "listed online}; {government fees paid directly by you|you pay government fees directly}. {Free 15-minute "
        "consultation|Consultations by appointment} at <address>. <phone>",
    ),
    _t(
        "visa-0-travel",
        "travel_visa",
        0,
        (),
        "{Summer deals|Spring specials} {from|at} {Sunway|Globetrotter|Compass} Travel: {7 nights|5 nights} in "
        "{Cancun|Lisbon|Rome|Punta Cana} from $<trip> {incl. flights|with hotel}. {IATA accredited|Licensed and "
        "bonded}. {Call|Visit us at} <address> or <website>.",
    ),
    _t(
        "visa-1-guaranteed",
        "travel_visa",
        1,
        (L,),
        "{Visa|Work visa} {to|for} <country_dest> {guaranteed|100% guaranteed} {in 2 weeks|fast}! {No interview|No "
        "language test}. {Jobs available on arrival|Job waiting when you land}. {Fee|Service fee} $<fee>, {half now "
        "half later|deposit required}. {WhatsApp|Telegram} <phone>.",
    ),
    _t(
        "visa-2-smuggle",
        "travel_visa",
        2,
        (L,),
        "{We take you to|Travel to} <country_dest> {without papers|even without passport}. {Job|Work} and {room|"
        "housing} {waiting|ready}, {you pay us back|debt paid} {from work|working}. {Our people keep your "
        "documents|Papers stay with the boss} {until paid|until the debt is cleared}. {Leave this week|Departures "
        "every Friday}. {Only call|Call only} <phone>",
    ),
    # ------------------------------------------------------------------ housing
    _t(
        "housing-0-room",
        "housing",
        0,
        (),
        "{Room for rent|Furnished room} in {a quiet|a sunny} {3BR|2BR} {house|apartment} near <landmark>, <city>. "
        "$<rent>/month {utilities included|+ utilities}, {available|avail} <month> 1. {No smoking|No pets}. {Lease|"
        "6-month lease} {and deposit|+ 1 month deposit}. {Text|Call} <phone>.",
        w=1.2,
    ),
    _t(
        "housing-0-apartment",
        "housing",
        0,
        (),
        "{Studio|1BR apartment|2BR/1BA} for rent - <address>. $<rent>/mo, {laundry in building|in-unit washer/"
        "dryer}, {walk to|close to} {transit|the train}. {Credit check required|Application + references}. "
        "{Showings|Open house} {Sat 11-1|this weekend}. <email> <emo_neutral>",
    ),
    _t(
        "housing-1-free",
        "housing",
        1,
        (S,),
        "{Free room|Room free of charge} for {young|single} {girl|woman} {in exchange for|for} {light housekeeping|"
        '"help around the house"} {and companionship|and being friendly}. {No rent|Zero rent}. {Send pic|Send a '
        "picture}. <handle>",
    ),
    _t(
        "housing-2-girls",
        "housing",
        2,
        (S, L),
        "{Housing provided|Free housing} for {girls|new girls} who {work|work with us}. {You live in the house|Stay "
        "at our apartment}, {we hold your ID|we keep your papers safe}, {rent and food taken from earnings|rent "
        "deducted from what you make}. {Must be 18-22|Young girls only}. <phone_obf>",
    ),
    # ------------------------------------------------------------------ for sale
    _t(
        "sale-0-item",
        "for_sale",
        0,
        (),
        "<item> for sale - {like new|barely used|good condition|works great}. $<p_item> {OBO|firm|or best offer}. "
        "{Pickup in|Local pickup} <city>{| only}. {Cash or Venmo|Cash only}. {Text|Call} <phone>. <emo_neutral>",
        w=1.5,
    ),
    _t(
        "sale-0-strawberries",
        "for_sale",
        0,
        (),
        "{FRESH|Fresh} {<produce>|picked <produce>} {🍓|🍓🍓|🍑|🌽} {picked this morning|just picked} at <farm>! "
        "$<p_small>/{flat|quart|dozen}, {pick-your-own|PYO} {open|opens} {8am-6pm|daily 7-7}. {Also fresh eggs|Also "
        "honey and jam}. <address>",
        hn="fresh_produce",
        w=1.3,
    ),
    _t(
        "sale-0-young-coconuts",
        "for_sale",
        0,
        (),
        "{Fresh young coconuts|Young green coconuts|Fresh baby spinach and young carrots} {just arrived|new "
        "shipment} at {the farmers market|our stand|<farm> stand} 🥥 {$<p_small> each|<p_small> for $10}. {Sweet "
        "and cold|Organic}. {Open Sat-Sun|Weekends only}, <address>.",
        hn="fresh_produce",
    ),
    _t(
        "sale-0-cherry",
        "for_sale",
        0,
        (),
        "{Solid cherry wood|🍒 Cherry} {dresser|dining table|bookshelf|rocking chair} - {handmade|vintage}, {minor "
        "scratches|excellent shape}. $<p_item>. {Must pick up|Pickup only} {in|near} <city>. <phone>",
    ),
    _t(
        "sale-0-pets",
        "for_sale",
        0,
        (),
        "{Kittens|Puppies|Bunnies} {ready for new homes|looking for homes} - {8 weeks old|10 weeks}, {vet checked|"
        "first shots done}. {Rehoming fee|Adoption fee} $<p_item>. {Meet the parents|Mom on site} in <city>. "
        "<phone> 🐾",
    ),
    # ------------------------------------------------------------------ services
    _t(
        "svc-0-bakery",
        "services",
        0,
        (),
        "{New in town|Just opened|New in the neighborhood}! <bakery> {bakery|bakeshop} on <street> - {fresh bread "
        "daily|fresh croissants every morning}, {custom cakes|birthday cakes to order}. {Open|Hours} {Tue-Sun 7-3|"
        "7am-2pm}. {Come say hi|First coffee free this week}! <emo_neutral>",
        hn="new_in_town_business",
        w=1.2,
    ),
    _t(
        "svc-0-newbarber",
        "services",
        0,
        (),
        "{New in town|Just moved here}: {licensed barber|certified dog groomer|piano teacher|licensed electrician} "
        "<full_name_m> {taking new clients|now booking} in <city>. {Walk-ins welcome|By appointment}, {fair prices|"
        "senior discount}. <phone>",
        hn="new_in_town_business",
    ),
    _t(
        "svc-0-cleaning",
        "services",
        0,
        (),
        "{House cleaning|Deep cleaning|Move-out cleaning} by <name_f> - {insured|bonded and insured}, <n_years> "
        "years experience, {references available|great reviews}. $<p_item> {per visit|for a 2BR}. {Eco products|I "
        "bring my own supplies}. <phone>",
    ),
    _t(
        "svc-0-handyman",
        "services",
        0,
        (),
        "{Handyman|Painting|Moving help} - {no job too small|drywall, fixtures, furniture assembly}. {Licensed "
        "and insured|Free estimates}. {Serving|Based in} <city>. {Call|Text} <name_m> at <phone>.",
    ),
    _t(
        "svc-0-tutor",
        "services",
        0,
        (),
        "{Math|Chemistry|Spanish|SAT} tutor {available|for hire} - {certified teacher|PhD student}, <n_years> years "
        "experience. ${wage2}/hr {online or in person|at the library}. {First session free|References on request}. "
        "<email>",
    ),
    # ------------------------------------------------------------------ dating
    _t(
        "dating-0-woman",
        "dating",
        0,
        (),
        "{Hi|Hey|Hello}, I'm <name_f>, <age_adult>, {a nurse|a teacher|an accountant|a grad student|a chef} in "
        "<city>. I {love|am into} <hobby> and <hobby2>. {Looking for|Hoping to find} {something real|a kind guy|"
        "someone to explore the city with}. {No hookups|Not here for hookups}, {please|thanks}. {Message me here|Say "
        "hi with your favorite book}. <emo_neutral>",
        hn="dating_first_person",
        w=1.3,
    ),
    _t(
        "dating-0-man",
        "dating",
        0,
        (),
        "<name_m>, <age_adult>. {Just moved to|New in town -} <city> {for work|for a new job} and {looking to meet "
        "people|hoping to meet someone}. {Into|Big fan of} <hobby>, {dogs|my cat}, {tacos|good coffee}. I'm "
        "{<job>|a mechanic}, {tall-ish|6'0}, {never married|divorced, one kid}. {Swipe right if|Message me if} "
        "{you like long walks|you can beat me at trivia}.",
        hn="dating_first_person",
        w=1.2,
    ),
    _t(
        "dating-0-young",
        "dating",
        0,
        (),
        "{Fresh start|New chapter} at <age_adult>! {Recently single|Back on here after a while}, I'm <name_f>, "
        "<job> and {proud plant mom|amateur baker}. {Petite|5'2}, {love|obsessed with} <hobby>. {Looking for|Want} "
        "{a real connection|someone kind and funny}. {Coffee first|Let's grab coffee}!",
        hn="dating_first_person",
    ),
    _t(
        "dating-1-sugar",
        "dating",
        1,
        (S,),
        "{Young|Petite} {college girl|student} <age_young> {looking for|seeking} {a generous|a sugar} {daddy|"
        "gentleman} {to help with tuition|for an allowance} 💋 {Text|Snap} <handle>. {Serious only|No time wasters}.",
    ),
    # ------------------------------------------------------------------ awareness / news
    _t(
        "aware-0-signs",
        "awareness",
        0,
        (),
        "{Know the signs|Recognize the signs|Learn the signs} of human trafficking: {someone who is not allowed "
        "to speak for themselves|a worker whose boss holds their passport|a young person with an older "
        '"boyfriend" who controls their money}. Ads that say {"new in town"|"young and fresh"|"new girls '
        'weekly"} or promise {high pay abroad with fees repaid from salary|travel and visa all arranged} can be '
        "red flags. If you see something, call the National Human Trafficking Hotline at 1-888-373-7888 or text "
        "233733. #EndTrafficking",
        hn="awareness",
        w=1.5,
    ),
    _t(
        "aware-0-jobs",
        "awareness",
        0,
        (),
        "{Before you accept a job abroad|Thinking of working overseas?}, {check that|make sure} the employer is "
        "named and the contract is in writing. {No legitimate recruiter|A real employer never} {charges you a "
        "placement fee|keeps your passport}. {Debt bondage|Passport confiscation} is a crime. {Share this with "
        "friends|Please share} - <city> Coalition Against Trafficking. {Questions|Help}: <website>",
        hn="awareness",
        w=1.2,
    ),
    _t(
        "aware-0-training",
        "awareness",
        0,
        (),
        "{Free training|Community workshop}: {Spotting sex trafficking in online ads|Human trafficking 101 for "
        "hotel staff} on <month> <day> at the <city> Public Library. {Learn how|We'll cover how} traffickers use "
        '{emoji like 🌹 and 🍒|words like "roses" and "donation"|"incall only" motel ads} and what to do. '
        "{Registration|RSVP} at <website>.",
        hn="awareness",
    ),
    _t(
        "news-0-arrest",
        "news",
        0,
        (),
        "<city> police {arrested|charged} <n> people {in a trafficking ring|in connection with a sex trafficking "
        'operation} that {advertised|posted ads offering} {"new girls" weekly|young women} at {motels|hotels} '
        "along <highway>, {officials said|according to the district attorney}. {Investigators said the victims|The "
        "women}, {some as young as 16|including two minors}, {had their passports taken|were forced to repay travel "
        "debts}. {The case is ongoing|A hearing is set for} <month> <day>.",
        hn="news",
        w=1.3,
    ),
    _t(
        "news-0-labor",
        "news",
        0,
        (),
        "{Federal prosecutors|The Labor Department} {said|announced} {Tuesday|on Friday} that a {labor contractor|"
        "staffing agency} in <city> {charged workers from <country_src>|recruited workers with} {illegal "
        "recruitment fees|fees of up to $<fee>} and {held their passports|confiscated their documents}. {The "
        "company|The owner} {faces|could face} {forced labor charges|up to 20 years in prison}. {Advocates|"
        "Officials} urged {workers|anyone affected} to call the hotline.",
        hn="news",
        w=1.2,
    ),
    _t(
        "news-0-report",
        "news",
        0,
        (),
        "{New report|Study}: {online ads|job postings} {remain|are still} a {main|key} {recruitment tool|entry "
        "point} for traffickers, {researchers at|according to} {a university in <city>|a nonprofit in <city>} "
        '{found|said}. {Common cues|Warning signs} include {third-person wording, "new in town" and price codes|'
        "fees repaid from salary and employers keeping passports}. {The authors|Researchers} {caution|note} that "
        "no single cue proves anything.",
        hn="news",
    ),
)
