"""French wording for the indicator catalog (France, Belgium, Switzerland, Québec, West Africa)."""

from __future__ import annotations

from classifier.indicators.languages.en import ESCORT
from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (
    r"passeports?", r"papiers", r"documents?", r"pi[eè]ces? d'identit[eé]", r"cartes? d'identit[eé]", r"cni",
    r"titres? de s[eé]jour", r"cartes? de s[eé]jour", r"permis de travail", r"visas?",
)
PHONES = (r"t[eé]l[eé]phones?", r"portables?", r"mobiles?", r"cellulaires?", r"smartphones?")
WAGES = (r"salaires?", r"paies?", r"payes?", r"r[eé]mun[eé]rations?", r"argent", r"gains", r"pay[eé]s?")
LIVING_COSTS = (
    r"loyer", r"logement", r"h[eé]bergement", r"chambres?", r"lits?", r"nourriture", r"repas", r"transports?",
    r"trajets?", r"uniformes?", r"outils", r"[eé]lectricit[eé]", r"charges",
)
DURATION_PRICE = r"(?:\d{2,3} ?(?:min|mn|minutes)|demi[- ]heure|(?:1|une) ?(?:h|heure))\W{0,3}\d{2,4} ?(?:€|euros?)?"
EMPLOYER = (
    r"(?:le patron|la patronne|l'employeur|l'entreprise|la soci[eé]t[eé]|l'agence|le g[eé]rant|la g[eé]rante|"
    r"le responsable|nous|le chef|le propri[eé]taire)"
)

LANGUAGE = Language(
    code="fr",
    name="French",
    negation=(
        r"ne", r"n'\w*", r"pas", r"jamais", r"sans", r"aucun[es]*", r"ni", r"non", r"z[eé]ro",
        r"m[eé]fiez-vous", r"attention aux?", r"est ill[eé]gal",
    ),
    post_negation=(
        r"aucun", r"aucune", r"gratuit[es]*", r"offert[es]*", r"non requis", r"0 ?€", r"pris en charge par (?:l'employeur|"
        r"l'entreprise|nous)", r"est ill[eé]gal", r"jamais",
    ),
    contrast=(r"mais", r"cependant", r"toutefois", r"sauf", r"par contre", r"pourtant"),
    markers=(r"le", r"les", r"des", r"et", r"est", r"une", r"vous", r"nous", r"pour", r"avec", r"dans", r"sur", r"du", r"au", r"aux", r"sont"),
    contexts={
        "adult": terms(
            r"massages? (?:[eé]rotiques?|naturistes?|tantriques?|sensuels?)", r"coquines?", ESCORT, r"escort girls?",
            r"finitions?", r"nouvelles filles (?:chaque|toutes les)",
            r"rencontres? discr[eè]tes?", r"filles? dispo", r"\d+ ?cadeaux?", r"\d+ ?roses",
            r"call[- ]?girls?", r"plan cul", r"gfe", r"domination", r"libertins?", r"prestations? (?:intimes|sexuelles)",
            r"sugar (?:daddy|baby)", r"happy ending", r"(?:re[cç]oi[st]|h[oô]tel) uniquement",
            r"uniquement (?:en |[aà] l')h[oô]tel", r"dispo (?:ce soir|maintenant|24 ?h)",
            r"je me d[eé]place (?:uniquement )?(?:[aà] l')?h[oô]tel", r"pas de num[eé]ros? masqu[eé]s?",
        ),
        "job": terms(
            r"travail", r"emplois?", r"postes?", r"recrute\w*", r"recrutement", r"salaires?", r"embauche\w*",
            r"offres? d'emploi", r"cdi", r"cdd", r"int[eé]rim", r"employeur", r"ouvri[eè]res?", r"ouvriers?",
            r"travailleur\w*", r"serveuses?", r"h[oô]tesses?", r"nounou", r"au pair", r"aides? m[eé]nag[eè]res?",
            r"vendanges", r"saisonniers?", r"mannequins?", r"danseuses?", r"visa de travail", r"contrat",
            r"main[- ]d'[oœ]uvre", r"job",
            r"femmes? de chambre", r"plongeurs?", r"serveurs?", r"cuisini(?:er|[eè]re)s?", r"commis de cuisine",
            r"ma[cç]ons?", r"man[oœ]uvres?", r"cueilleu(?:r|se)s?", r"vendangeu(?:r|se)s?", r"aides? [aà] domicile",
            r"nounous?", r"gouvernantes?", r"chauffeurs?", r"soudeurs?", r"agents? d'entretien", r"femmes? de m[eé]nage",
        ),
        "massage": terms(r"massages?(?! (?:fauteuil|si[eè]ge))", r"masseuses?", r"salon de massage", r"institut de massage",
                         r"spa (?:asiatique|tha[iï]|chinois)"),
        "abroad": terms(
            r"[eé]tranger", r"europe", r"canada", r"duba[iï]", r"qatar", r"japon", r"suisse", r"belgique",
            r"allemagne", r"italie", r"espagne", r"angleterre", r"sans exp[eé]rience", r"autre pays", r"outre[- ]mer",
            r"liban", r"arabie", r"kowe[iï]t", r"turquie", r"russie",
        ),
        "talent": terms(r"mannequins?", r"casting", r"talents?", r"actrices?", r"influenceuses?", r"h[oô]tesses?",
                        r"book photo", r"portfolio", r"agence", r"danseuses?"),
    },
    mitigators={
        "awareness_or_news": terms(
            r"traite des (?:[eê]tres humains|personnes|femmes)", r"trafic d'[eê]tres humains", r"victimes?",
            r"survivantes?", r"travail forc[eé]", r"esclavage moderne", r"servitude pour dettes", r"signaux d'alerte",
            r"signes d'alerte", r"si vous voyez", r"signalez", r"signaler", r"ont [eé]t[eé] arr[eê]t[eé]s?",
            r"interpell[eé]s?", r"la police", r"la gendarmerie", r"selon (?:la|le|les)", r"parquet", r"proc[eè]s",
            r"condamn[eé]s?", r"enqu[eê]te", r"sensibilisation", r"association", r"ong", r"pr[eé]vention",
            r"prot[eé]gez-vous", r"num[eé]ro vert", r"tribunal", r"d[eé]mantel[eé]", r"mis(?:es?)? en examen",
            r"r[eé]seau", r"autorit[eé]s", r"signal d'alerte", r"proxén[eé]tisme", r"exploitation", r"trafiquants",
            r"juge", r"parlez-en",
        ),
        "licensed_professional": terms(
            r"masseur[- ]kin[eé]sith[eé]rapeute", r"kin[eé]sith[eé]rapeute", r"kin[eé]", r"dipl[oô]m[eé]e? d'[eé]tat",
            r"siret", r"rcs", r"ost[eé]opathe", r"cabinet", r"praticienne? certifi[eé]e?", r"massage (?:sportif|th[eé]rapeutique)",
        ),
        "transparent_employer": terms(
            r"contrat de travail", r"cdi", r"cdd", r"aucun frais", r"sans frais", r"mutuelle", r"convention collective",
            r"fiche de paie", r"cong[eé]s pay[eé]s", r"heures suppl[eé]mentaires (?:pay[eé]es|major[eé]es)",
            r"nous ne facturons", r"gratuit pour les candidats",
        ),
    },
    indicators={
        "sex.third_person": terms(
            r"elle (?:est|parle|ne parle|a \d{2}|re[cç]oit|vous|fait|propose)", r"nos (?:filles|demoiselles|masseuses)",
            r"mes filles", r"les filles sont", r"elle s'appelle", r"(?:est|reste) timide",
        ),
        "sex.movement": terms(
            r"nouvelle (?:en ville|[aà] \w+|sur \w+)", r"de passage", r"juste arriv[eé]e", r"quelques jours seulement",
            r"derniers jours", r"cette semaine seulement", r"en tourn[eé]e",
        ),
        "sex.ethnicity": terms(
            r"asiatiques?", r"latines?", r"russes?", r"br[eé]siliennes?", r"africaines?", r"europ[eé]ennes?",
            r"exotiques?", r"roumaines?", r"ukrainiennes?", r"chinoises?", r"tha[iï]landaises?", r"colombiennes?",
            r"dominicaines?", r"vietnamiennes?", r"japonaises?", r"m[eé]tisses?", r"antillaises?", r"bulgares?",
        ),
        "sex.multiple_workers": terms(
            r"nouvelles (?:filles|masseuses|demoiselles)", r"filles (?:disponibles|dispo)", r"plusieurs filles",
            r"(?:deux|2|trois|3) filles", r"choix de (?:filles|demoiselles)",
        ),
        "sex.restricted_incall": terms(
            r"seulement (?:[aà] l')?h[oô]tel", r"re[cç]ois uniquement", r"uniquement (?:en|[aà] l')(?:h[oô]tel|appartement)",
            negative=(r"pas de d[eé]placements?", r"ne me d[eé]place pas"),
        ),
        "sex.third_party_control": terms(
            r"mon chauffeur", r"le g[eé]rant", r"je m'occupe des rendez-vous",
            r"(?:le|la) (?:g[eé]rante?|patronne?|responsable|r[eé]ception|mac|proxo) ~2 (?:prend|g[eè]re|fixe|encaisse|"
            r"s'occupe)",
            r"parle peu (?:le )?fran[cç]ais", r"(?:[eé]cris|[eé]crivez)-moi (?:pour la r[eé]server|pas [aà] elle)",
            negative=(r"ne parle pas (?:le )?fran[cç]ais",),
        ),
        "sex.price_codes": terms(r"roses", r"cadeaux?", r"esp[eè]ces uniquement", r"demi[- ]heure", r"\d+ ?/ ?(?:h|heure)"),
        "sex.law_enforcement_evasion": terms(negative=(r"pas de (?:police|flics|keufs)",)),
        "sex.client_screening": terms(negative=(r"pas de num[eé]ros? masqu[eé]s?", r"num[eé]ros? masqu[eé]s? (?:refus[eé]s|non)"),),
        "sex.trust_language": terms(r"photos (?:r[eé]elles|100 ?%|v[eé]rifi[eé]es)", r"vraies photos", r"100 ?% r[eé]elles?",
                                    negative=(r"pas de fake",)),
        "sex.adult_service_terms": terms(
            r"massages? (?:[eé]rotiques?|tantriques?|naturistes?)", r"escort girls?", ESCORT, r"finitions?",
            r"happy ending",
        ),
        "sex.parlour_cues/strong": terms(r"finitions?", r"massage (?:complet|corps [aà] corps|naturiste|tantrique)",
                                         r"corps [aà] corps", r"douche (?:ensemble|coquine|incluse)", r"happy ending"),
        "sex.parlour_cues/staff": terms(
            r"(?:filles|masseuses|demoiselles) (?:nouvelles|jeunes|jolies|belles|asiatiques)",
            r"(?:nouvelles|jeunes|jolies) (?:filles|masseuses|demoiselles)",
        ),
        "sex.parlour_cues/clientele": terms(r"(?:r[eé]serv[eé] )?aux hommes", r"hommes uniquement", r"messieurs uniquement",
                                            r"client[eè]le masculine"),
        "sex.parlour_cues/rooms": terms(r"douches?", r"jacuzzi", r"salons? (?:vip|priv[eé]s?)", r"cabines? priv[eé]es?"),
        "sex.parlour_cues/hours": terms(r"ouvert (?:tard|24 ?h|la nuit|jusqu'[aà] (?:1|2|3|4) ?h)", r"24 ?h ?/ ?24", r"7j ?/ ?7",
                                        r"jusqu'[aà] (?:minuit|1h|2h|3h)"),
        "sex.parlour_cues/cash": terms(r"esp[eè]ces uniquement", r"paiement en esp[eè]ces", r"cash uniquement"),
        "sex.parlour_cues/discreet": terms(r"discr[eé]tion", r"discr[eè]te?", r"entr[eé]e discr[eè]te", r"parking priv[eé]"),
        "sex.coded_payment": terms(
            r"cadeaux? pour (?:mon|son) temps", r"tribut", r"gentlem[ae]n g[eé]n[eé]reux", r"hommes? g[eé]n[eé]reux",
            r"sugar (?:daddy|baby)", r"relation sugar", r"arrangement (?:discret|mutuel)", r"aide financi[eè]re",
            r"(?:r[eé]mun[eé]ration|paiement) (?:par|[aà] la) rencontre",
        ),
        "sex.time_sold": terms(
            r"je vends mon temps", r"mon temps (?:co[uû]te|est [aà]) \d+", r"petite amie [aà] louer", r"compagnie [aà] l'heure",
            near=(Near((r"promos?", r"promotions?", r"sp[eé]cial", r"offres?"), (DURATION_PRICE,), window=6),),
        ),
        "sex.venue_rental": terms(
            r"(?:chambres?|appartements?|studios?|apparts?) ~4 pour (?:filles|demoiselles|masseuses|escorts|"
            r"ind[eé]pendantes|travailleuses)",
            r"(?:location|[aà] louer) [aà] l'heure", r"(?:r[eé]server|louer|prendre) une chambre d'h[oô]tel ~3 "
            r"(?:pour moi|pour nous|[aà] ton nom|[aà] votre nom|avec (?:ta|votre) (?:carte|pi[eè]ce d'identit[eé]))",
            r"[aà] (?:ton|votre) nom ~3 (?:h[oô]tel|chambre)",
        ),
        "minor.youth_language": terms(
            r"jeunes? filles?", r"toute jeune", r"[eé]coli[eè]res?", r"tout juste 18", r"18 ans tout", r"tout juste majeure",
            r"tr[eè]s jeune", r"adolescentes?", r"ados?", r"innocentes?", r"vierge", r"premi[eè]re fois", r"mineures?",
            r"lolitas?", r"petite jeune",
        ),
        "minor.school_family": terms(r"lyc[eé]e", r"lyc[eé]enne", r"coll[eé]gienne", r"uniforme (?:scolaire|d'[eé]coli[eè]re)",
                                     r"apr[eè]s les cours", r"vit chez (?:ses parents|sa tante|son oncle)"),
        "minor.stated_age_under_18": terms(
            r"(?:filles|jeunes|mineures|mannequins) (?:de |entre )?1[0-7] (?:[aà]|et|-) 1[0-7](?: ans)?",
            r"mineures? accept[eé]es?", r"d[eè]s 1[2-7] ans",
        ),
        "general.off_platform_contact": terms(
            r"uniquement (?:par |sur )?(?:whatsapp|telegram|snap)", r"seulement (?:par |sur )?(?:whatsapp|telegram|snap)",
            r"d[eé]tails (?:en|par|sur) (?:mp|priv[eé]|whatsapp|telegram|dm)",
        ),
        "general.urgency_pressure": terms(
            r"d[eé]part imm[eé]diat", r"places limit[eé]es", r"tout de suite", r"urgent", r"derni[eè]res places",
            r"(?:d[eé]part|partir) (?:cette|la semaine) (?:semaine|prochaine)", r"embauche imm[eé]diate",
        ),
        "general.phone_confiscation": terms(
            r"(?:remettre|d[eé]poser|laisser|confier) (?:votre |ton |vos |tes |le |les )?(?:t[eé]l[eé]phone|portable)s?",
            r"(?:nous gardons|on garde|gardons|confisquons|r[eé]cup[eé]rons) (?:votre |ton |vos |tes |le |les )?"
            r"(?:t[eé]l[eé]phone|portable)s?",
            near=(Near(PHONES, (r"gard[eé]s?", r"confisqu[eé]s?", r"retenus?", r"r[eé]cup[eé]r[eé]s?", r"au coffre",
                                r"dans le coffre", r"au bureau", r"chez le (?:patron|g[eé]rant)"), window=4),),
            negative=(r"(?:les filles|elles|elle|les ouvriers) n'ont pas (?:de )?(?:t[eé]l[eé]phone|portable)s?",),
            unless=(r"casiers?", r"vestiaires?", r"pendant (?:le service|les heures de travail|le travail|les cours)",
                    r"[eé]cran", r"coque", r"chargeur", r"batterie", r"m[eé]moire", r"vends"),
        ),
        "labor.too_good_pay": terms(
            r"gagnez jusqu'?[aà]", r"argent facile", r"gros salaire", r"salaire (?:[eé]lev[eé]|tr[eè]s [eé]lev[eé]|attractif)",
            r"\d{1,2}[ .,]?\d{3} ?(?:€|euros?|dollars?|\$)? ?(?:par|/) ?(?:mois|semaine)", r"\d{3,4} ?(?:€|euros?)? par jour",
        ),
        "labor.no_experience": terms(negative=(r"sans exp[eé]rience", r"aucune exp[eé]rience", r"pas besoin d'exp[eé]rience",
                                               r"pas besoin de parler (?:anglais|fran[cç]ais|la langue)")),
        "labor.irregular_status": terms(
            r"avec (?:un )?visa touristique", r"pay[eé] (?:au noir|en liquide|de la main [aà] la main)", r"au noir",
            r"sans d[eé]claration",
            negative=(r"sans papiers", r"sans titre de s[eé]jour", r"pas besoin de papiers", r"sans (?:permis|visa) de travail",
                      r"sans diplome"),
        ),
        "labor.recruitment_fees_debt": terms(
            r"frais (?:d'inscription|de dossier|de placement|de visa|d'agence|de recrutement|de formation|de gestion|"
            r"de proc[eé]dure|de traitement|de consultation)",
            r"(?:payer|payez|verser|versez) (?:des |les )?frais", r"rembours\w* ~3 (?:sur|avec|par) (?:votre|le|ton|vos) "
            r"(?:salaire|paie|travail)", r"dettes?", r"avance (?:du|de|sur le) (?:billet|voyage|visa)",
            r"(?:billet|voyage|visa)s? ~2 avanc[eé]s?", r"retenus? sur (?:votre|le|ton) salaire",
            near=(Near((r"billets?", r"voyages?", r"visas?", r"vols?"), (r"rembours\w+ ~2 (?:en travaillant|sur (?:votre|le|ton) "
                                                                       r"salaire)",), window=8),
                  Near((r"dettes?", r"pr[eê]ts?", r"avances?", r"avanc[eé]s?"), (r"rembours\w+", r"retenus?",
                                                                             r"(?:sur|du) (?:votre |le )?salaire",
                                                                             r"en travaillant"), window=5),),
            unless=(r"(?:pay[eé]s|pris en charge) par l'(?:employeur|entreprise)", r"l'(?:employeur|entreprise) (?:paie|prend en "
                    r"charge)", r"loyer", r"locataires?", r"bail"),
        ),
        "labor.travel_arranged": terms(
            r"(?:billet|visa|voyage)s? et (?:visa|billet|logement|h[eé]bergement)", r"tout (?:est )?(?:inclus|organis[eé]|"
            r"pris en charge)", r"voyage organis[eé] par nous", r"(?:nous nous occupons|on s'occupe) (?:de )?(?:tout|du visa|"
            r"du billet|des papiers)", r"accueil [aà] l'a[eé]roport", r"organis[eé]e? par nos soins", r"logement assur[eé]",
            r"visa (?:de travail )?garanti",
        ),
        "labor.document_retention": terms(
            EMPLOYER + r" ~2 (?:garde|gardent|gardera|conserve|conservent|retient|retiennent|confisque|confisquent|prend|"
            r"prennent) ~2 (?:" + "|".join(DOCUMENTS) + ")",
            r"(?:nous gardons|gardons|on garde|conservons|confisquons|r[eé]cup[eé]rons) ~2 (?:" + "|".join(DOCUMENTS) + ")",
            r"remettre (?:votre |ton |vos |tes |le |les )?(?:" + "|".join(DOCUMENTS) + r") (?:au|[aà] l'|[aà] la) (?:patron|"
            r"employeur|agence|arriv[eé]e|g[eé]rant|responsable)",
            near=(Near(DOCUMENTS, (r"gard[eé]s?", r"conserv[eé]s?", r"confisqu[eé]s?", r"retenus?", r"au coffre",
                                   r"dans le coffre", r"reste(?:nt)? chez (?:le|la|l') ?(?:patron|patronne|employeur|agence|"
                                   r"g[eé]rant)", r"reste(?:nt)? [aà] l'(?:agence|entreprise)"), window=4),),
            unless=(r"copies?", r"photocopies?", r"scann[eé]s?", r"valides?", r"renouvel\w+", r"ambassade", r"consulat",
                    r"apportez", r"apporter", r"sur vous", r"avec vous", r"perdus?", r"retrouv[eé]s?"),
        ),
        "labor.confinement": terms(
            r"enferm[eé]e?s?", r"sous cl[eé]", r"(?:porte|portail|grille)s? ~2 (?:ferm[eé]e?s? [aà] cl[eé]|cadenass[eé]e?s?)",
            r"autorisation (?:du patron |du g[eé]rant )?pour sortir", r"couvre-feu strict", r"interdit de sortir",
            r"interdiction de sortir",
            near=(Near((r"accompagn[eé]e?s?", r"escort[eé]e?s?", r"surveill[eé]e?s?"), (r"sorties?", r"courses", r"sortir",
                                                                                   r"jours? de repos", r"en ville"),
                       window=3),),
            negative=(
                r"(?:ne|n') ~2 (?:pouvez|peuvent|peut|pourrez) pas (?:sortir|partir|quitter)",
                r"pas (?:le )?droit de (?:sortir|partir|quitter)", r"personne ne sort",
            ),
            unless=(r"animaux", r"chiens?", r"enfants", r"r[eé]sidents", r"patients", r"clients", r"[eé]l[eè]ves"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:[aà] la|en) fin (?:de la|du|de) (?:saison|contrat|r[eé]colte|vendanges|"
            r"voyage|mission|tourn[eé]e|ann[eé]e)",
            r"pay[eé]e?s? ~3 (?:apr[eè]s|[aà] la fin) (?:de la|du) (?:saison|contrat|voyage|mission|tourn[eé]e)",
            r"(?:nous gardons|gardons|on garde|retenons) (?:votre |ton |le )?(?:salaire|argent|paie)",
            near=(Near(WAGES, (r"retenus?", r"gard[eé]s?", r"bloqu[eé]s?", r"diff[eé]r[eé]s?"), window=3),),
            unless=(r"primes?", r"bonus", r"pourboires?", r"commissions?", r"mensuel\w*", r"chaque mois", r"hebdomadaire",
                    r"caution", r"solde de tout compte", r"indemnit[eé]s?"),
        ),
        "labor.wage_deductions": terms(
            r"(?:nous d[eé]duisons|on d[eé]duit|d[eé]duit) ~2 (?:le loyer|le logement|la nourriture|le transport|les repas)",
            near=(Near(LIVING_COSTS, (r"d[eé]duits?", r"retenus?", r"pr[eé]lev[eé]s?", r"sur (?:votre|le|ton) salaire"),
                       window=4),),
        ),
        "labor.excessive_hours": terms(
            r"(?:7|sept) jours sur (?:7|sept)", r"7j ?/ ?7", r"(?:1[4-9]|2[0-4]|quatorze|quinze|seize) ?h(?:eures)? par jour",
            r"journ[eé]es? de (?:1[4-9]|2[0-4]) ?h(?:eures)?", r"disponible 24 ?h",
            negative=(r"sans (?:jour de )?repos", r"pas de (?:jour de )?repos", r"sans jour de cong[eé]", r"pas de cong[eé]s?"),
        ),
        "labor.vague_employer": terms(
            r"entreprise (?:connue|confidentielle|internationale|s[eé]rieuse)", r"d[eé]tails (?:en|par) (?:mp|priv[eé]|whatsapp)",
            r"client (?:important|[eé]tranger)",
        ),
        "labor.appearance_restrictions": terms(
            r"(?:filles|femmes|jeunes femmes|demoiselles|mod[eè]les f[eé]minines)(?: \w+)? (?:de |entre )?\d{2} ?(?:[aà]|et|-) ?"
            r"\d{2}(?: ans)?", r"photos? en (?:maillot|pied|bikini)", r"pour (?:un )?bar [aà] champagne",
            r"jolies (?:filles|femmes)", r"belle pr[eé]sentation", r"physique agr[eé]able", r"femmes uniquement",
        ),
        "labor.work_abroad": terms(
            r"travail(?:ler)? [aà] l'[eé]tranger", r"emploi (?:[aà]|en|au) (?:l'[eé]tranger|duba[iï]|europe|canada|qatar)",
            r"travail(?:ler)? (?:en|au|aux|[aà]) (?:europe|canada|duba[iï]|qatar|suisse|liban|arabie saoudite|kowe[iï]t)",
        ),
        "labor.talent_lure": terms(
            r"(?:shootings?|s[eé]ances?) (?:photo )?priv[eé]e?s? ~4 (?:en esp[eè]ces|cash|pay[eé]e?s? en liquide)",
            r"(?:soir[eé]es|[eé]v[eé]nements|voyages) (?:priv[eé]e?s|vip|en yacht) ~3 (?:mannequins|filles|h[oô]tesses)",
            r"(?:mannequins|filles|h[oô]tesses) pour (?:\w+ ){0,2}(?:soir[eé]es|[eé]v[eé]nements|voyages) (?:priv[eé]e?s|vip)",
            r"voyager avec (?:des )?(?:clients|hommes d'affaires)", r"pay[eé]e?s? ~3 apr[eè]s le voyage",
            near=(Near((r"frais", r"payer", r"paiement", r"co[uû]t", r"\d+ ?€"),
                       (r"pour (?:entrer|rejoindre|faire partie) (?:dans |de )?(?:l'agence|notre agence|notre fichier)",
                        r"book photo", r"portfolio"), window=5),),
        ),
    },
)
# fmt: on
