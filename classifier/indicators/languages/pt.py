"""Portuguese wording for the indicator catalog (Brazil and Portugal; accents optional)."""

from __future__ import annotations

from classifier.indicators.languages.en import ESCORT
from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (
    r"passaportes?", r"documentos?", r"papeis", r"pap[eé]is", r"rg", r"identidades?", r"carteiras? de identidade",
    r"cpf", r"cnh", r"autoriza[cç][aã]o de residencia", r"carteiras? de trabalho", r"ctps", r"cart[aã]o de cidad[aã]o",
)
PHONES = (r"celulares?", r"telefones?", r"tel[eé]moveis", r"telem[oó]vel", r"smartphones?")
WAGES = (r"sal[aá]rios?", r"pagamentos?", r"pagos?", r"dinheiro", r"ganhos", r"remunera[cç][aã]o")
LIVING_COSTS = (
    r"aluguel", r"aluguer", r"moradia", r"alojamento", r"hospedagem", r"quartos?", r"camas?", r"comida",
    r"alimenta[cç][aã]o", r"transporte", r"passagens?", r"uniformes?", r"ferramentas", r"luz", r"[aá]gua", r"contas",
)
DURATION_PRICE = r"(?:\d{2,3} ?(?:min|mins|minutos)|meia hora|(?:1|uma) ?(?:h|hr|hora))\W{0,3}(?:r\$)? ?\d{2,4}\b"
EMPLOYER = (
    r"(?:o patr[aã]o|a patroa|o chefe|a empresa|a ag[eê]ncia|o empregador|o dono|a dona|o respons[aá]vel|n[oó]s|"
    r"o gerente|o agenciador|o aliciador)"
)

LANGUAGE = Language(
    code="pt",
    name="Portuguese",
    negation=(
        r"n[aã]o(?! se preocupe| tem problema)", r"nunca", r"jamais", r"sem", r"nem", r"nada de", r"nenhum", r"nenhuma", r"ningu[eé]m", r"zero", r"livre de",
        r"evite", r"cuidado com", r"[eé] crime",
    ),
    post_negation=(
        r"nenhuma", r"nenhum", r"gr[aá]tis", r"gratuit[oa]s?", r"isent[oa]s?", r"n[aã]o cobrad[oa]", r"r\$ ?0\b",
        r"(?:pag[oa]s?|cobert[oa]s?) pel[oa] (?:empregador|empresa)", r"[eé] crime", r"nunca",
    ),
    contrast=(r"mas", r"por[eé]m", r"contudo", r"todavia", r"exceto", r"embora"),
    markers=(r"do", r"da", r"dos", r"das", r"ao", r"aos", r"nao", r"voce", r"pelo", r"pela", r"uma", r"sao", r"tambem",
             r"muito", r"isso", r"esse", r"essa", r"seu", r"sua", r"seus", r"suas", r"nosso", r"nossa", r"em", r"num",
             r"numa"),
    contexts={
        "adult": terms(
            r"garotas? de programa", r"acompanhantes?", r"massagem (?:t[aâ]ntrica|er[oó]tica|sensual|com final)",
            r"programa completo", r"novinhas?", r"meninas novas (?:toda|todo|cada)", r"sexo (?:oral|anal|casual|sem camisinha|gostoso)",
            r"safad\w+", r"putinhas?", r"fetiche", r"encontros? discretos?",
            r"atendo (?:\w+ ){0,4}em (?:flat|motel|hotel|local pr[oó]prio)", r"atendimento em (?:quarto de )?(?:hotel|motel|flat)",
            r"\d+ (?:reais )?(?:a|por) hora", r"agendamento (?:s[oó] )?com o gerente",
            ESCORT, r"sugar (?:daddy|baby)", r"\d+ ?rosas", r"final feliz", r"beijo grego",
        ),
        "job": terms(
            r"empregos?", r"trabalhos?", r"vagas?", r"sal[aá]rios?", r"contrata[-\s]?se", r"contratamos", r"precisa[-\s]?se",
            r"recrut\w+", r"contrato", r"empregador", r"trabalhador(?:es|as?)?", r"gar[cç]onetes?", r"bab[aá]s?",
            r"au pair", r"cuidadoras?", r"dom[eé]sticas?", r"colheita", r"safra", r"visto de trabalho", r"modelos?",
            r"recepcionistas?", r"dan[cç]arinas?", r"carteira assinada", r"m[aã]o de obra", r"oportunidades? de trabalho",
            r"camareiras?", r"gar[cç]o(?:ns|m)", r"cozinheir[oa]s?", r"ajudantes? de (?:cozinha|obra|pedreiro)",
            r"auxiliar(?:es)? de (?:cozinha|limpeza|servi[cç]os gerais)", r"pedreir[oa]s?", r"serventes?",
            r"trabalhador(?:es)? rura(?:l|is)", r"colhedor(?:es|as?)?", r"faxineir[oa]s?", r"diaristas?", r"motoristas?",
            r"soldador(?:es)?", r"oper[aá]ri[oa]s?",
        ),
        "massage": terms(r"massagens?(?! (?:cadeira|poltrona|assento))", r"massagistas?", r"casas? de massagem", r"spa (?:oriental|asi[aá]tico|tailand[eê]s)"),
        "abroad": terms(
            r"exterior", r"europa", r"portugal", r"espanha", r"jap[aã]o", r"dubai", r"estados unidos", r"eua",
            r"canad[aá]", r"alemanha", r"it[aá]lia", r"su[ií][cç]a", r"inglaterra", r"fran[cç]a", r"outro pa[ií]s",
            r"fora do pa[ií]s", r"sem experi[eê]ncia", r"paraguai", r"argentina", r"chile", r"coreia", r"r[uú]ssia",
        ),
        "talent": terms(
            r"modelos?", r"casting", r"talentos?", r"atrizes", r"influencers?", r"recepcionistas? de eventos",
            r"book de fotos", r"portf[oó]lio", r"ag[eê]ncia", r"dan[cç]arinas?",
        ),
    },
    mitigators={
        "awareness_or_news": terms(
            r"tr[aá]fico de (?:pessoas|mulheres|seres humanos)", r"v[ií]timas?", r"sobreviventes?",
            r"trabalho (?:escravo|for[cç]ado|an[aá]logo [aà] escravid[aã]o)", r"escravid[aã]o moderna",
            r"servid[aã]o por d[ií]vida", r"sinais de alerta", r"sinais de perigo", r"se voc[eê] vir", r"denunci\w+",
            r"disque 100", r"ligue 180", r"foram pres[oa]s", r"pres[oa]s", r"a pol[ií]cia", r"segundo",
            r"minist[eé]rio p[uú]blico", r"condenad[oa]s?", r"investiga[cç][aã]o", r"resgatad[oa]s", r"opera[cç][aã]o",
            r"ong", r"campanha", r"preven[cç][aã]o", r"conscientiza[cç][aã]o", r"proteja-se", r"alerta",
            r"auditores fiscais", r"resgat\w+", r"an[aá]log\w+ [aà] escravid[aã]o", r"autoridades", r"acusad[oa]s?",
            r"pesquisa", r"desconfie", r"explora[cç][aã]o", r"traficantes", r"pe[cç]a ajuda", r"juiz", r"multad[oa]",
        ),
        "licensed_professional": terms(
            r"fisioterapeutas?", r"crefito", r"massoterapeuta (?:formad[oa]|certificad[oa])", r"registro profissional",
            r"massoterapia", r"cl[ií]nica", r"quiropraxia", r"massagem (?:terap[eê]utica|desportiva|esportiva)",
        ),
        "transparent_employer": terms(
            r"contrato", r"sem custo", r"carteira assinada", r"clt", r"benef[ií]cios", r"vale[- ]transporte",
            r"vale[- ]refei[cç][aã]o", r"plano de sa[uú]de", r"n[aã]o cobramos", r"nunca cobramos", r"f[eé]rias pagas",
        ),
    },
    indicators={
        "sex.third_person": terms(
            r"ela (?:[eé]|est[aá]|fala|n[aã]o fala|tem|faz|atende|vem)", r"se chama",
            r"nossas (?:meninas|garotas|mo[cç]as|modelos)", r"minhas (?:meninas|garotas)", r"as meninas (?:s[aã]o|est[aã]o)",
            r"(?:[eé]|est[aá]) t[ií]mida",
        ),
        "sex.movement": terms(
            r"nova na cidade", r"rec[eé]m[- ]chegad[oa]", r"acabou de chegar", r"s[oó] por (?:uns|poucos) dias",
            r"est[aá] na cidade", r"de passagem", r"[uú]ltimos dias", r"s[oó] essa semana", r"em turn[eê]",
        ),
        "sex.ethnicity": terms(
            r"brasileiras?", r"russas?", r"colombianas?", r"venezuelanas?", r"orientais", r"mulatas?", r"asi[aá]ticas?",
            r"paraguaias?", r"argentinas?", r"bolivianas?", r"latinas?", r"ex[oó]ticas?", r"europeias?", r"africanas?",
            r"japonesas?", r"ucranianas?", r"romenas?", r"tailandesas?",
        ),
        "sex.multiple_workers": terms(
            r"meninas (?:novas|dispon[ií]veis)", r"garotas (?:novas|dispon[ií]veis)", r"novas meninas toda",
            r"novas (?:meninas|garotas|massagistas) (?:toda|todo|cada)", r"(?:duas|2|tr[eê]s|3|v[aá]rias|muitas) meninas",
            r"novas massagistas", r"casa com \d+ meninas", r"todas novas na casa",
        ),
        "sex.restricted_incall": terms(
            r"s[oó] (?:com )?local pr[oó]prio", r"somente no (?:hotel|motel)", r"s[oó] em (?:hotel|motel)",
            negative=(r"n[aã]o fa[cç]o (?:sa[ií]das?|domic[ií]lios?)", r"sem sa[ií]das?"),
        ),
        "sex.third_party_control": terms(
            r"o gerente", r"meu motorista", r"o respons[aá]vel (?:agenda|marca)", r"me chama que eu marco",
            r"(?:o|a) (?:gerente|dono|dona|cafet[aã]o|cafetina|respons[aá]vel|recep[cç][aã]o) ~2 (?:agenda|marca|recebe|"
            r"cobra|combina)",
            r"fala pouco portugu[eê]s", r"fala comigo,? n[aã]o com ela", r"agendamento (?:s[oó] )?com o gerente",
            r"pagamento na recep[cç][aã]o",
            negative=(r"n[aã]o fala portugu[eê]s",),
        ),
        "sex.price_codes": terms(r"rosas", r"s[oó] dinheiro", r"somente dinheiro", r"meia hora", r"\d+ ?/ ?(?:h|hr|hora)",
                                 r"pagamento em dinheiro"),
        "sex.law_enforcement_evasion": terms(r"proibido pol[ií]cia",
                                             negative=(r"sem pol[ií]cia", r"nada de pol[ií]cia", r"pol[ií]cia n[aã]o entra")),
        "sex.client_screening": terms(negative=(r"n[uú]mero privado n[aã]o", r"n[aã]o atendo (?:n[uú]mero )?privado"),),
        "sex.trust_language": terms(r"fotos (?:reais|100 ?%|verdadeiras)", r"100 ?% reais?",
                                    negative=(r"sem (?:fake|engana[cç][aã]o)",)),
        "sex.adult_service_terms": terms(
            r"garotas? de programa", r"acompanhantes?", r"massagem (?:t[aâ]ntrica|er[oó]tica|sensual|com final)",
            r"programa completo", r"final feliz", ESCORT,
        ),
        "sex.parlour_cues/strong": terms(r"final feliz", r"massagem (?:com final|completa|corpo a corpo|nuru)",
                                         r"com finaliza[cç][aã]o",
                                         r"corpo a corpo", r"banho (?:junto|er[oó]tico|incluso)", r"t[aâ]ntrica", r"extras"),
        "sex.parlour_cues/staff": terms(
            r"(?:meninas|massagistas|mo[cç]as|garotas) (?:novas|jovens|lindas|bonitas|orientais|asi[aá]ticas)",
            r"novas (?:meninas|massagistas|garotas)",
        ),
        "sex.parlour_cues/clientele": terms(r"s[oó] (?:para )?homens", r"exclusivo (?:para )?homens", r"p[uú]blico masculino"),
        "sex.parlour_cues/rooms": terms(r"banho", r"chuveiro", r"jacuzzi", r"hidromassagem", r"su[ií]tes? (?:vip|privativas?)",
                                        r"salas? (?:vip|privativas?)"),
        "sex.parlour_cues/hours": terms(r"aberto (?:at[eé] tarde|24 ?h(?:oras)?|de madrugada)", r"24 ?horas", r"24/7",
                                        r"at[eé] (?:de )?madrugada",
                                        r"at[eé] (?:as )?(?:1|2|3|4) ?(?:h|da manh[aã]|da madrugada)"),
        "sex.parlour_cues/cash": terms(r"s[oó] dinheiro", r"somente dinheiro", r"pagamento em (?:dinheiro|esp[eé]cie)"),
        "sex.parlour_cues/discreet": terms(r"discri[cç][aã]o", r"discret[oa]", r"entrada discreta", r"estacionamento privativo"),
        "sex.coded_payment": terms(
            r"tributo", r"presente (?:pelo|por) meu tempo", r"cavalheiros? generosos?", r"homens? generosos?",
            r"sugar (?:daddy|baby)", r"relacionamento sugar", r"benef[ií]cio m[uú]tuo", r"ajuda financeira",
            r"(?:pagamento|cach[eê]) por encontro", r"companhia em troca de (?:dinheiro|presentes)",
        ),
        "sex.time_sold": terms(
            r"vendo (?:o )?meu tempo", r"meu tempo (?:por|custa) (?:r\$)? ?\d+", r"namorada de aluguel",
            r"companhia por hora",
            near=(Near((r"promo[cç][aã]o", r"promo[cç][oõ]es", r"especial", r"ofertas?"), (DURATION_PRICE,), window=6),),
        ),
        "sex.venue_rental": terms(
            r"(?:quartos?|apartamentos?|ap[eê]s?|flats?|su[ií]tes?) ~4 para (?:meninas|garotas|massagistas|acompanhantes|"
            r"mo[cç]as|profissionais)",
            r"(?:aluga-se|alugo|aluguel) (?:por|de) hora", r"(?:reservar|alugar|pegar) (?:um )?quarto (?:de|no|em) hotel ~3 "
            r"(?:pra mim|para mim|no seu nome|com (?:seu|o seu) (?:documento|rg|cart[aã]o))", r"no seu nome ~3 (?:hotel|motel|quarto)",
        ),
        "minor.youth_language": terms(
            r"novinhas?", r"ninfetas?", r"menina nova", r"novinha", r"acabei de fazer 18", r"rec[eé]m (?:completou|fez) 18",
            r"apenas 18", r"s[oó] 18 anos", r"bem novinha", r"adolescentes?", r"inocentes?", r"virgem",
            r"primeira vez", r"carinha de (?:menina|anjo)", r"menores? de idade", r"colegiais?",
        ),
        "minor.school_family": terms(
            r"escola", r"colegial", r"ensino m[eé]dio", r"uniforme escolar", r"depois da (?:aula|escola)",
            r"mora com (?:os pais|a tia|o tio)",
        ),
        "minor.stated_age_under_18": terms(
            r"(?:meninas|garotas|mo[cç]as|jovens|menores|modelos) (?:de |entre )?1[0-7] (?:a|e|-|at[eé]) 1[0-7](?: anos)?",
            r"menores de idade", r"a partir de 1[2-7] anos",
        ),
        "general.off_platform_contact": terms(
            r"s[oó] (?:no |pelo )?(?:whatsapp|zap|telegram)", r"somente (?:no |pelo )?(?:whatsapp|zap|telegram)",
            r"(?:detalhes|informa[cç][oõ]es|info) (?:no|pelo|por) (?:whatsapp|zap|privado|inbox|direct|pv)",
        ),
        "general.urgency_pressure": terms(
            r"vagas limitadas", r"embarque imediato", r"viagem imediata", r"urgente", r"[uú]ltimas vagas",
            r"in[ií]cio imediato", r"(?:viaja|embarque) (?:essa|esta|pr[oó]xima) semana",
        ),
        "general.phone_confiscation": terms(
            r"(?:entregar|entrega|entregam|deixar|deixa|deixam) (?:o |os |seu |seus )?(?:celular|telefone|telem[oó]vel)(?:es)?",
            r"(?:ficamos com|guardamos|recolhemos|retemos|tomamos) (?:o |os |seu |seus )?(?:celular|telefone|telem[oó]vel)",
            near=(Near(PHONES, (r"guardad[oa]s?", r"recolhid[oa]s?", r"retid[oa]s?", r"confiscad[oa]s?", r"no cofre",
                                r"na gerência", r"com o (?:gerente|patr[aã]o|chefe)"), window=4),),
            negative=(
                r"(?:as meninas|elas|ela|os trabalhadores) n[aã]o (?:t[eê]m|tem|podem ter|usam|podem usar) (?:celular|"
                r"telefone)(?:es)?",
            ),
            unless=(r"arm[aá]rios?", r"durante o (?:turno|expediente|trabalho)", r"tela", r"capinha", r"carregador",
                    r"mem[oó]ria", r"bateria", r"vendo"),
        ),
        "labor.too_good_pay": terms(
            r"ganhe at[eé]", r"ganhos altos", r"dinheiro f[aá]cil", r"sal[aá]rio (?:alto|excelente|muito alto)",
            r"\d{1,2}[.,]?\d{3} ?(?:d[oó]lares|usd|euros?|€|reais|r\$)? ?(?:por|/|ao) ?(?:m[eê]s|semana)",
            r"\d{3,4} ?(?:d[oó]lares|euros?|reais)? (?:por|ao) dia",
        ),
        "labor.no_experience": terms(
            negative=(r"sem experi[eê]ncia", r"n[aã]o precisa (?:de )?experi[eê]ncia", r"n[aã]o (?:exige|requer) experi[eê]ncia",
                      r"n[aã]o precisa falar (?:ingl[eê]s|a l[ií]ngua)"),
        ),
        "labor.irregular_status": terms(
            r"com visto de turista", r"pagamento (?:por fora|em m[aã]os)", r"sem registro",
            negative=(r"sem documentos", r"sem pap[eé]is", r"n[aã]o precisa (?:de )?(?:documentos|visto)",
                      r"sem visto de trabalho"),
        ),
        "labor.recruitment_fees_debt": terms(
            r"taxa (?:de )?(?:inscri[cç][aã]o|agenciamento|coloca[cç][aã]o|recrutamento|cadastro|consultoria|processo|"
            r"treinamento|ag[eê]ncia)",
            r"(?:pagar|paga|pague) (?:uma )?(?:taxa|comiss[aã]o) (?:de|para|pra)",
            r"descontad[oa]s? ~2 do (?:primeiro )?sal[aá]rio", r"desconta(?:mos|do|da)? ~2 do sal[aá]rio",
            r"d[ií]vidas?", r"passagem adiantada", r"(?:passagem|viagem|visto)s? ~2 adiantad[oa]s?",
            near=(Near((r"viage(?:m|ns)", r"passage(?:m|ns)", r"voos?", r"vistos?", r"bilhetes?"),
                       (r"(?:devolve|devolver|paga|pagar|pagas) (?:com (?:o |seu )?trabalho|trabalhando|do sal[aá]rio)",
                        r"descontad\w+"), window=8),
                  Near((r"d[ií]vidas?", r"empr[eé]stimos?", r"adiantamentos?", r"adiantamos", r"emprestamos"),
                       (r"descont\w+", r"pag(?:a|ar) (?:com|trabalhando)", r"devolv\w+", r"reembols\w+", r"do sal[aá]rio"),
                       window=5),),
            unless=(r"(?:pag[oa]|cobert[oa]) pel[oa] (?:empregador|empresa)", r"(?:a empresa|o empregador) (?:paga|cobre)",
                    r"aluguel", r"inquilin\w+", r"im[oó]vel"),
        ),
        "labor.travel_arranged": terms(
            r"(?:passagem|visto)s? e (?:visto|passagem|alojamento|hospedagem|moradia)", r"tudo (?:inclu[ií]do|pago|arranjado)",
            r"(?:n[oó]s )?(?:cuidamos|providenciamos|pagamos) (?:de )?(?:tudo|a passagem|o visto|os documentos)",
            r"buscamos (?:voc[eê] )?no aeroporto",
        ),
        "labor.document_retention": terms(
            EMPLOYER + r" ~2 (?:guarda|guardam|fica com|ficam com|ret[eé]m|segura|seguram|recolhe) ~2 (?:" + "|".join(DOCUMENTS)
            + ")",
            r"(?:guardamos|retemos|ficamos com|recolhemos|seguramos) ~2 (?:" + "|".join(DOCUMENTS) + ")",
            r"entregar (?:o |os |seu |seus )?(?:" + "|".join(DOCUMENTS) + r") (?:ao|[aà]) (?:chegar|patr[aã]o|chefe|empresa|"
            r"ag[eê]ncia|empregador|gerente)",
            near=(Near(DOCUMENTS, (r"retid[oa]s?", r"guardad[oa]s?", r"confiscad[oa]s?", r"recolhid[oa]s?", r"no cofre",
                                   r"fica(?:m)? com (?:o|a) (?:patr[aã]o|chefe|empresa|ag[eê]ncia|empregador|gerente|dono)",
                                   r"fica(?:m)? na (?:empresa|ag[eê]ncia|ger[eê]ncia)"), window=4),),
            unless=(r"c[oó]pias?", r"xerox", r"escanead[oa]s?", r"v[aá]lid[oa]s?", r"renova\w+", r"embaixada",
                    r"consulado", r"traga", r"trazer", r"com voc[eê]", r"perdid[oa]s?", r"achad[oa]s?"),
        ),
        "labor.confinement": terms(
            r"trancad[oa]s?", r"presos? no (?:alojamento|local|quarto)", r"port[aã]o ~2 (?:trancado|fechado a chave|com cadeado)",
            r"(?:pedir )?permiss[aã]o (?:do patr[aã]o |do chefe |do gerente )?para sair", r"proibido sair",
            near=(Near((r"acompanhad[oa]s?", r"escoltad[oa]s?", r"vigiad[oa]s?"), (r"sa[ií]das?", r"compras", r"sair",
                                                                             r"folgas?", r"cidade"), window=3),),
            negative=(
                r"n[aã]o (?:podem|pode|pod[eê]|[eé] permitido|s[aã]o permitid[oa]s) (?:sair|ir embora|deixar o trabalho)",
                r"n[aã]o (?:saem|sai) (?:do|da) (?:local|casa|fazenda|alojamento|trabalho)", r"ningu[eé]m sai",
            ),
            unless=(r"animais", r"cachorros?", r"crian[cç]as", r"pacientes", r"clientes", r"alunos"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:no|ao|at[eé] o) (?:final|fim|t[eé]rmino) (?:da|do) (?:temporada|contrato|"
            r"colheita|safra|viagem|trabalho|ano)",
            r"(?:recebe|recebem|pagamos|paga|pago) ~3 (?:no final|depois|ap[oó]s o fim) (?:da|do) (?:temporada|contrato|safra|"
            r"viagem|colheita)",
            r"(?:guardamos|retemos|ficamos com) (?:o |seu )?(?:sal[aá]rio|pagamento|dinheiro)",
            near=(Near(WAGES, (r"retid[oa]s?", r"guardad[oa]s?", r"segurad[oa]s?", r"adiad[oa]s?"), window=3),),
            unless=(r"b[oô]nus", r"gratifica[cç][aã]o", r"gorjetas?", r"comiss[aã]o", r"13[oº]?", r"d[eé]cimo terceiro",
                    r"mensal", r"semanal", r"todo m[eê]s", r"rescis[aã]o", r"cau[cç][aã]o"),
        ),
        "labor.wage_deductions": terms(
            r"(?:descontamos|desconta|descontam|cobramos) ~2 (?:o aluguel|a comida|o transporte|a moradia|o alojamento|a cama)",
            near=(Near(LIVING_COSTS, (r"descontad[oa]s?", r"desconta(?:do|da|dos|das)?", r"sai do sal[aá]rio",
                                      r"do sal[aá]rio"), window=4),),
        ),
        "labor.excessive_hours": terms(
            r"(?:7|sete) dias (?:por|na) semana", r"de segunda a domingo", r"(?:1[4-9]|2[0-4]|quatorze|catorze|quinze|"
            r"dezesseis) horas (?:por|ao) dia", r"jornadas? de (?:1[4-9]|2[0-4]) horas", r"dispon[ií]vel 24 ?(?:h|horas)",
            negative=(r"sem folgas?", r"sem descanso", r"sem dia de folga", r"n[aã]o (?:tem|h[aá]) folgas?"),
        ),
        "labor.vague_employer": terms(
            r"empresa (?:conhecida|confidencial|internacional|s[eé]ria)", r"detalhes (?:no|pelo) (?:whatsapp|zap|privado|"
            r"inbox|direct|pv)", r"cliente (?:importante|estrangeiro)",
        ),
        "labor.appearance_restrictions": terms(
            r"(?:meninas?|garotas?|mo[cç]as?|mulheres|jovens)(?: \w+)? (?:de |entre )?\d{2} (?:a|e|-|at[eé]) \d{2}(?: anos)?",
            r"fotos? de corpo inteiro", r"envi(?:e|ar) fotos? e idade",
            r"(?:meninas|mulheres|mo[cç]as|garotas) (?:bonitas|magras|atraentes|lindas)", r"boa apar[eê]ncia",
            r"somente (?:mulheres|mo[cç]as|meninas)",
        ),
        "labor.work_abroad": terms(
            r"trabalh(?:o|ar) (?:no|na|em) (?:exterior|europa|jap[aã]o|dubai|portugal|espanha|su[ií][cç]a|it[aá]lia|"
            r"inglaterra|alemanha|estados unidos|canad[aá]|paraguai)",
            r"emprego (?:no|na) (?:exterior|europa)",
        ),
        "labor.talent_lure": terms(
            r"ensaios? (?:fotogr[aá]ficos? )?(?:privados?|particulares?) ~4 (?:em dinheiro|pagamento na hora|cach[eê] na hora)",
            r"(?:festas|eventos|viagens) (?:privad[oa]s|vip|em iate) ~3 (?:modelos|meninas|recepcionistas)",
            r"(?:modelos|meninas|recepcionistas) para (?:\w+ ){0,2}(?:festas|eventos|viagens) (?:privad[oa]s|vip)",
            r"viajar com (?:clientes|empres[aá]rios)", r"(?:pagamento|cach[eê]) ~3 depois da viagem",
            near=(Near((r"taxas?", r"pagar", r"pagamento", r"custo", r"r\$ ?\d+"),
                       (r"para (?:entrar|fazer parte) (?:da|na) (?:ag[eê]ncia|nosso casting|nosso cat[aá]logo)", r"book",
                        r"portf[oó]lio"), window=5),),
        ),
    },
)
# fmt: on
