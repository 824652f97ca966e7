"""Spanish, Portuguese and French posting templates, by language, genre and label (rules in LABELING.md).

Same conventions as :mod:`classifier.training.corpus.templates_en`: ``{a|b|}`` inline alternatives and ``<slot>``
fillers from the generator's per-language pools. Prepositions are kept out of slots whose values carry
an article (``<landmark>``, fr ``<country_dest>``), so rows stay grammatical.
"""

from __future__ import annotations

from classifier.training.corpus.templates import L, M, S, Template


def _t(
    lang: str,
    id: str,
    genre: str,
    label: int,
    cats: tuple[str, ...],
    pattern: str,
    hn: str | None = None,
    w: float = 1.0,
) -> Template:
    return Template(f"{lang}-{id}", lang, genre, label, cats, pattern, hn, w)


# ====================================================================== Spanish (es)
ES_TEMPLATES: tuple[Template, ...] = (
    # ------------------------------------------------------------------ escort / personal ads
    _t(
        "es",
        "escort-2-menu",
        "escort",
        2,
        (S,),
        "{NUEVAS chicas|🆕 Chicas nuevas|Chicas recién llegadas|RECIÉN LLEGADAS las nenas|Nenas nuevas} en "
        "<city> {esta semana|hoy|esta noche}{!!|!!!|} <emo_sexy> Tenemos chicas <ethnic>, <ethnic2> y "
        "<ethnic3> {disponibles|listas} {24 horas|toda la noche|24/7}. {Ellas son|Las chicas son|Nuestras "
        "niñas son} {muy cariñosas|muy complacientes|obedientes} y {hacen todo lo que pidas|nunca dicen "
        "que no}. {Solo en piso, sin salidas|Solo piso discreto|Solo hotel, sin salidas}. {El encargado|Mi "
        "chofer|La señora} {gestiona las citas|te recibe en la puerta|cobra por adelantado}. {<p_hh> media "
        "hora / <p_h> la hora|<p_hh> rosas 30 min, <p_h> rosas 1h}. {Nada de policía|No policías|Sin "
        "polis}. {WhatsApp|Llama al|Escribe al} <phone_obf>",
    ),
    _t(
        "es",
        "escort-2-thirdperson",
        "escort",
        2,
        (S,),
        "{Dulce|Menudita|Preciosa|Exótica} <alias> {tiene|tiene solo} <age_young> años {y es nueva en "
        "esto|y acaba de llegar de <country_src>|y está en la ciudad con su amiga}. {No habla "
        "español|Habla poco español|Es tímida al principio}, así que {escríbeme a mí|habla conmigo} {y yo "
        "organizo la cita|para reservarla}. {Solo hotel|Solo en piso} {cerca de la estación|en la zona "
        "centro}. {Solo efectivo|Pago en efectivo}, {<p_h> rosas|donativo <p_h>|<p_h>/h}. {Nada de números "
        "ocultos|No contesto privados}, {sin policía|nada de polis}. <phone>",
    ),
    _t(
        "es",
        "escort-2-minor",
        "escort",
        2,
        (S, M),
        "<emo_young> {Jovencita|Muy jovencita|Niña nueva} <alias> {recién cumplidos los 18|apenas 18|18 "
        "añitos|solo <age_minor> añitos} <emo_young> {todavía va al instituto|con uniforme de "
        "colegiala|pequeñita e inocente|muy menudita y tímida} {jeje|😜|}. {Primera vez en|Su primera "
        "semana en} <city>. {Pregunta por ella a su tío|Habla con su representante|Cita solo con su "
        "«novio»} <phone_obf>. {Solo en piso|Solo hotel|Piso privado}. {Discreción total|Sin policía|Nada "
        "de polis}.",
    ),
    _t(
        "es",
        "escort-1-visiting",
        "escort",
        1,
        (S,),
        "{Hola caballeros|Hola chicos|Hola amores}, soy <alias>, <age_adult> años, {de visita en|nueva en} "
        "<city> {unos días|solo este fin de semana|hasta el domingo}. {Solo recibo en mi piso|Solo en mi "
        "apartamento, sin salidas|Recibo en piso privado}. {Rosas|Donativo|Regalito}: <p_h>/h, {media hora "
        "<p_hh>|solo efectivo}. {Escríbeme|Llámame} al <phone>. {Solo caballeros educados|Nada de mensajes "
        "groseros|Pido verificación antes}. <emo_sexy>",
    ),
    # ------------------------------------------------------------------ massage
    _t(
        "es",
        "massage-1-oriental",
        "massage",
        1,
        (S,),
        "{¡Gran inauguración!|¡Nueva dirección!|NUEVA GERENCIA} <emo_spa> Masajes "
        "{orientales|asiáticos|tailandeses} en <city>, {abierto hasta tarde|de 10h a 2h} {todos los días|7 "
        "días a la semana}. {Chicas nuevas cada semana, muy cariñosas|Masajistas jóvenes nuevas, muy "
        "simpáticas|Personal joven recién llegado}. {Ducha incluida|Ducha disponible}, {salas "
        "privadas|sala VIP}. {Extras a convenir.|Servicio completo, pregunta.|} {Sin cita previa|Entra sin "
        "cita}. <phone>",
    ),
    _t(
        "es",
        "massage-0-physio",
        "massage",
        0,
        (),
        "<full_name>, fisioterapeuta colegiada (nº <license>) - masaje "
        "{terapéutico|descontracturante|deportivo|de tejido profundo} en <city>. Sesión de {60 minutos|una "
        "hora} <p_massage> €, {90 minutos|hora y media} <p_massage2> €. Consulta en <address>, {2º "
        "piso|local <day>}. {Pide cita en|Reserva en} {www.fisio-example.es|citas.example.es} o al "
        "<phone>. {Emitimos factura para mutuas|Trabajamos con mutuas y seguros|Bonos de 5 sesiones}. "
        "{Masaje exclusivamente terapéutico|Atención profesional, con camilla y sabanillas}. {Más de "
        "<n_years> años de experiencia|Especialista en lesiones deportivas|}",
        hn="licensed_massage",
    ),
    # ------------------------------------------------------------------ jobs
    _t(
        "es",
        "job-2-debt",
        "job",
        2,
        (L,),
        "{Trabajo en|Empleo en|Vacantes en} <country_dest> {para hombres y mujeres|para parejas|}: "
        "{puestos en <job_title_low>|<job_title_low> y almacenes}. {Sueldo|Salario} de <salary_high> "
        "{€|euros|dólares} al mes. {Nosotros nos encargamos de|La agencia tramita} {pasaje, visa y "
        "alojamiento|billete, visado y vivienda}. {Los gastos (<fee> {€|dólares}) se descuentan del "
        "sueldo|Todo el costo (<fee> {€|dólares}) se devuelve con los primeros sueldos}. {El patrón guarda "
        "el pasaporte|La empresa se queda con tu pasaporte} {por seguridad|durante el contrato}. {Salida "
        "esta semana|Viaje en 5 días|Urge, salida inmediata}. {Solo|Contacto solo por} WhatsApp <phone>.",
    ),
    _t(
        "es",
        "job-2-waitress",
        "job",
        2,
        (S, L),
        "{Se buscan|Buscamos} chicas de {18 a 25|19 a 24} años, {guapas|delgadas y guapas|de buena "
        "presencia}, para trabajar de {camareras|camareras y azafatas|anfitrionas en club} en "
        "<country_dest>. {Ganarás|Sueldo de} {más de|hasta} <salary_high> € al mes. {Te adelantamos el "
        "pasaje y la visa|Pasaje y visado pagados por nosotros}, {lo devuelves con tu sueldo|se descuenta "
        "después}. {Sin experiencia|No hace falta hablar el idioma}. {Manda fotos de cuerpo entero|Envía "
        "tres fotos y tu edad} por {WhatsApp|Telegram} al <phone>. {Salida en una semana|Viaje "
        "urgente|Plazas hasta el viernes}.",
    ),
    _t(
        "es",
        "job-1-abroad",
        "job",
        1,
        (L,),
        "¡{Gana|Gane} hasta <salary_high> {€|dólares} al mes trabajando en <country_dest>! <emo_job> {Sin "
        "experiencia|No se necesita experiencia|No piden papeles}. {Puestos en hoteles, fábricas y "
        "campo|Trabajo de limpieza, empaque y fábricas|Vacantes en <job_title_low>}. {Plazas "
        "limitadas.|¡Quedan pocas plazas!|Cupos limitados.} {Escríbenos solo por WhatsApp|Info solo por "
        "WhatsApp|Info por Telegram} <phone>",
    ),
    _t(
        "es",
        "job-0-ptat",
        "job",
        0,
        (),
        "<employer_farm> (Canadá) {contrata|busca} <n> trabajadores agrícolas temporales {para la cosecha "
        "de manzana|para invernadero|para la temporada de fresa} a través del {Programa de Trabajadores "
        "Agrícolas Temporales (PTAT)|programa PTAT México-Canadá}. Desde el <day> de <month> {hasta "
        "noviembre|y por 6 meses}, <wage> dólares canadienses por hora, {vivienda proporcionada por el "
        "empleador|alojamiento inspeccionado sin costo}, {seguro médico incluido|con seguro médico}. "
        "{Contrato firmado antes de viajar|Contrato por escrito en español}; {ningún cobro al "
        "trabajador|el programa es gratuito} y {cada trabajador conserva su pasaporte|tú conservas tus "
        "documentos}. {Informes en|Registro en} {empleo.example.gob.mx|www.example-agro.ca}.",
        hn="legit_job",
    ),
    _t(
        "es",
        "job-0-hotel",
        "job",
        0,
        (),
        "Hotel {Mar Azul|Playa Serena|Costa Dorada|Los Almendros} ({cuatro|tres} estrellas, "
        "{Benidorm|Palma|Salou|Marbella|Tenerife}) {busca|selecciona} {camareras/os de "
        "pisos|recepcionistas|ayudantes de cocina|camareros/as de sala} para la temporada de "
        "{verano|invierno}. {Contrato de temporada de 6 meses|Contrato fijo discontinuo} según convenio de "
        "hostelería, <salary_legit> € brutos al mes {más propinas|y 14 pagas}, {alta en la Seguridad "
        "Social desde el primer día|40 horas semanales y dos días libres}. {Posibilidad de alojamiento "
        "para personal desplazado|Alojamiento y manutención opcionales}. {Envía tu CV a "
        "rrhh@hotel-example.es|Inscríbete en empleo.example.es}. {Proceso de selección gratuito|No "
        "cobramos ninguna tarifa}.",
        hn="legit_job",
    ),
    # ------------------------------------------------------------------ dating
    _t(
        "es",
        "dating-0-woman",
        "dating",
        0,
        (),
        "{¡Hola! Soy|Hola, ¿qué tal? Soy|Buenas, soy} <name_f>, tengo <age_adult> años y soy <job> en "
        "<city>. Me {encanta|gusta mucho} <hobby> y <hobby2>. {Busco|Me gustaría encontrar} {algo serio|un "
        "chico amable y divertido|alguien con quien recorrer la ciudad}. {Nada de rollos de una noche|No "
        "busco aventuras}, {gracias|porfa}. {Escríbeme por aquí|Salúdame con tu libro favorito|Si te "
        "gustan los perros, hablamos} <emo_neutral>",
        hn="dating_first_person",
    ),
    _t(
        "es",
        "dating-0-man",
        "dating",
        0,
        (),
        "<name_m>, <age_adult>. {Recién llegado a|Nuevo en} <city> {por trabajo|por un nuevo empleo} y "
        "{con ganas de conocer gente|buscando a alguien especial}. Soy {ingeniero|mecánico|profesor de "
        "instituto|cocinero|enfermero}, {me gusta|disfruto} <hobby> y {los perros|mi gato|el buen café}. "
        "{Nunca me he casado|Divorciado, con un hijo}. {Escríbeme si|Mándame un mensaje si} {te gustan los "
        "paseos largos|me ganas al trivial}.",
        hn="dating_first_person",
    ),
    # ------------------------------------------------------------------ for sale
    _t(
        "es",
        "sale-0-item",
        "for_sale",
        0,
        (),
        "{Vendo|Se vende} <item>, {en perfecto estado|casi sin uso|en buen estado|funciona perfectamente}. "
        "{<p_item> €|$<p_item>} {negociables|no negociable|o mejor oferta}. {Recogida en|Entrego en} "
        "<city>{| centro}. {Solo efectivo|Efectivo o Bizum|Efectivo o transferencia}. {WhatsApp|Llamar al} "
        "<phone>. <emo_neutral>",
    ),
    _t(
        "es",
        "sale-0-produce",
        "for_sale",
        0,
        (),
        "{¡Fresas {frescas|recién cogidas|del día}! 🍓|¡FRESAS {frescas|del día}! 🍓🍓|¡Cerezas "
        "{frescas|recién cogidas|del día}! 🍒} Directas de la finca {El Olivar|Los Almendros|La Vega}, "
        "{sin intermediarios|de nuestra huerta}. {También naranjas y aguacates|Y ya hay tomates de "
        "temporada|También huevos de corral}. <p_small> € {la caja|el kilo|la bandeja}, {abierto de 9 a "
        "14|sábados y domingos}. {Venta directa en|Estamos en} <address>.",
        hn="fresh_produce",
    ),
    # ------------------------------------------------------------------ awareness / news
    _t(
        "es",
        "aware-0-signs",
        "awareness",
        0,
        (),
        "{Conoce las señales|Aprende a reconocer las señales|Ojo con las señales} de la trata de personas: "
        "{una persona que no puede hablar por sí misma|un jefe que se queda con el pasaporte|una «deuda» "
        "del viaje que se descuenta del sueldo}. Los anuncios de {«chicas nuevas cada semana»|«jovencitas "
        "recién llegadas»|«solo en piso, sin salidas»} o las ofertas de trabajo en el extranjero con "
        "{sueldos altísimos y viaje pagado|pasaje y visa adelantados} pueden ser señales de alerta. {Si "
        "sospechas algo|Ante la duda}, llama al 900 10 50 90 o escribe a trata@policia.es. "
        "{¡Comparte!|#NoALaTrata}",
        hn="awareness",
    ),
    _t(
        "es",
        "news-0-arrest",
        "news",
        0,
        (),
        "{La Policía Nacional|La Guardia Civil|La Fiscalía} {ha desarticulado una red de {trata de "
        "personas|explotación sexual} en <city> y ha detenido|desarticuló una red de {trata de "
        "personas|explotación sexual} en <city> y detuvo} a <n> personas, {informaron fuentes "
        "policiales|según un comunicado}. Las víctimas, {captadas en <country_src>|algunas menores de "
        "edad}, {eran anunciadas en internet como «chicas nuevas»|vivían en los mismos pisos donde eran "
        "explotadas} y {les retenían el pasaporte|debían pagar una deuda de <fee> € por el viaje}. {La "
        "investigación sigue abierta|El juez decretó prisión provisional para los detenidos}.",
        hn="news",
    ),
)

# ====================================================================== Portuguese (pt)
PT_TEMPLATES: tuple[Template, ...] = (
    # ------------------------------------------------------------------ escort / personal ads
    _t(
        "pt",
        "escort-2-menu",
        "escort",
        2,
        (S,),
        "{🆕 NOVIDADE:|CHEGARAM|Chegaram|Acabaram de chegar} {meninas novas|gatas novas|garotas novas} em "
        "<city> {esta semana|hoje|hoje à noite}{!!|!!!|} <emo_sexy> Temos <ethnic>, <ethnic2> e <ethnic3> "
        "{disponíveis|à disposição} {24h|a noite toda}. {Elas são|As meninas são|Nossas meninas são} "
        "{muito carinhosas|super obedientes|bem safadinhas} e {fazem tudo|não recusam nada}. {Só com "
        "local|Atendimento só no nosso apê|Só em hotel}, {não fazemos saídas|sem saídas}. {O gerente|Meu "
        "motorista|A dona da casa} {cuida dos agendamentos|recebe você na porta|acerta o valor antes}. "
        "{Meia hora R$ <p_hh>, hora R$ <p_h>|<p_hh> rosas 30min, <p_h> rosas 1h}. {Sem polícia|Nada de "
        "polícia|Não atendemos policial}. {Chama no zap|WhatsApp|Ligue} <phone_obf>",
    ),
    _t(
        "pt",
        "escort-2-thirdperson",
        "escort",
        2,
        (S,),
        "{Linda|Mignon|Delícia|Exótica} <alias> {tem|tem só} <age_young> anos {e é nova no ramo|e acabou "
        "de chegar {do Paraguai|da Venezuela|da Bolívia}|e está na cidade com uma amiga}. {Não fala "
        "português|Fala pouco português|É tímida no começo}, então {fala comigo|me chama} {que eu "
        "marco|pra agendar com ela}. {Só em hotel|Só com local} {perto da rodoviária|na região central}. "
        "{Só dinheiro|Pagamento em espécie}, {R$ <p_h> a hora|<p_h> rosas}. {Não atendo número privado|Sem "
        "número oculto}, {sem polícia|nada de polícia}. <phone>",
    ),
    _t(
        "pt",
        "escort-2-minor",
        "escort",
        2,
        (S, M),
        "<emo_young> {Novinha|Bem novinha|Ninfetinha} <alias> {acabou de fazer 18|18 aninhos|fez 18 "
        "ontem|só <age_minor> aninhos} <emo_young> {ainda estuda|com uniforme da escola|mignon e "
        "inocente|pequenininha e tímida} {kkk|😜|}. {Primeira vez em|Primeira semana em} <city>. {Fale com "
        "o tio dela|Agende com o responsável|Marque com o “namorado” dela} <phone_obf>. {Só com local|Só "
        "em hotel|Local discreto}. {Sigilo total|Sem polícia|Nada de polícia}.",
    ),
    _t(
        "pt",
        "escort-1-visiting",
        "escort",
        1,
        (S,),
        "{Oi amores|Olá cavalheiros|Oi meninos}, sou a <alias>, <age_adult> anos, {de passagem "
        "por|recém-chegada em} <city> {por poucos dias|só este fim de semana|até domingo}. {Atendo só com "
        "local|Só atendo no meu apê, não saio|Atendo em flat}. {Cachê|Mimo}: R$ <p_h> a hora, {meia hora "
        "R$ <p_hh>|só dinheiro ou Pix}. {Me chama no zap|WhatsApp} <phone>. {Só homens educados|Nada de "
        "grosseria|Peço verificação antes}. <emo_sexy>",
    ),
    # ------------------------------------------------------------------ massage
    _t(
        "pt",
        "massage-1-tantric",
        "massage",
        1,
        (S,),
        "{Inauguração!|Nova direção!|NOVIDADE} <emo_spa> Massagem {oriental|tântrica|relaxante} em <city>, "
        "{aberto até tarde|das 10h às 2h} {todos os dias|7 dias por semana}. {Meninas novas toda semana, "
        "muito carinhosas|Massagistas novinhas e simpáticas|Equipe nova e jovem}. {Banho incluso|Chuveiro "
        "no local}, {salas privativas|suíte VIP}. {Finalização inclusa.|Pergunte pelos extras.|} {Sem hora "
        "marcada|Pode chegar sem agendar}. <phone>",
    ),
    _t(
        "pt",
        "massage-0-physio",
        "massage",
        0,
        (),
        "<full_name>, fisioterapeuta (CREFITO {3|2|4}-<license>) - massagem "
        "{terapêutica|desportiva|miofascial|drenagem linfática} em <city>. Sessão de {60 minutos|uma hora} "
        "R$ <p_massage2>, pacote de {5|10} sessões com desconto. Atendimento em consultório na <address>, "
        "{sala <day>|2º andar}. {Agende pelo|Marque pelo} <phone> ou em "
        "{www.fisio-example.com.br|agenda.example.com.br}. {Emitimos recibo para reembolso do plano de "
        "saúde|Nota fiscal para reembolso}. {Atendimento exclusivamente terapêutico|Massagem terapêutica, "
        "com maca e toalhas, em ambiente profissional}. {<n_years> anos de experiência|Especialista em "
        "pós-treino|}",
        hn="licensed_massage",
    ),
    # ------------------------------------------------------------------ jobs
    _t(
        "pt",
        "job-2-debt",
        "job",
        2,
        (L,),
        "{TRABALHO NO EXTERIOR|Vagas no exterior|EMPREGO FORA DO BRASIL} - <country_dest>. {Vagas de "
        "<job_title_low>|Homens e mulheres para <job_title_low>}, {salário|ganhos} de € <salary_high> por "
        "mês. {A agência cuida de|Nós providenciamos} {passagem, visto e moradia|passagem aérea, "
        "documentação e alojamento}. {O custo (€ <fee>) é descontado do salário|As despesas (€ <fee>) são "
        "pagas com os primeiros salários}. {O patrão fica com o passaporte|O passaporte fica com a "
        "empresa} {por segurança|até o fim do contrato}. {Embarque esta semana|Viagem em 5 dias|Saída "
        "imediata}. {Só|Contato só pelo} WhatsApp <phone>.",
    ),
    _t(
        "pt",
        "job-2-waitress",
        "job",
        2,
        (S, L),
        "{Procuramos|Seleciono} {moças|meninas} de {18 a 25|19 a 24} anos, {bonitas|magras e bonitas|de "
        "boa aparência}, para trabalhar como {garçonete|garçonete e recepcionista|hostess em casa noturna} "
        "no exterior ({destino:|país:} <country_dest>). Ganhos {acima de|de até} € <salary_high> por mês. "
        "{Adiantamos passagem e visto|Passagem e documentos por nossa conta}, {você paga depois com o "
        "trabalho|descontamos do salário}. {Sem experiência|Não precisa falar a língua}. {Mande fotos de "
        "corpo inteiro|Envie três fotos e sua idade} no {WhatsApp|Telegram} <phone>. {Embarque em uma "
        "semana|Viagem urgente|Vagas até sexta}.",
    ),
    _t(
        "pt",
        "job-1-abroad",
        "job",
        1,
        (L,),
        "{Ganhe|Fature} até € <salary_high> por mês trabalhando no exterior! <emo_job> Destino: "
        "<country_dest>. {Sem experiência|Não precisa de experiência|Não exigimos inglês}. {Vagas em "
        "hotéis, fábricas e lavouras|Limpeza, embalagem e fábricas|Vagas de <job_title_low>}. {Vagas "
        "limitadas!|Últimas vagas!|Corre que acaba!} {Informações só pelo WhatsApp|Só WhatsApp|Chama no "
        "Telegram} <phone>",
    ),
    _t(
        "pt",
        "job-0-hotel",
        "job",
        0,
        (),
        "{Pousada|Hotel|Resort} {Praia Dourada|Mar Azul|Serra Verde|Águas Claras} ({Florianópolis|Porto "
        "Seguro|Búzios|Maragogi}) contrata para a temporada de verão: {camareira|recepcionista|auxiliar de "
        "cozinha|garçom/garçonete}. Contrato CLT {temporário de 90 dias|por prazo determinado}, salário R$ "
        "<salary_legit> + {vale-transporte e vale-refeição|VT, VR e 10% de serviço}, {escala 6x1|44 horas "
        "semanais}. {Alojamento para quem vem de fora|Alojamento e refeições no local}. {Envie o currículo "
        "para rh@hotel-example.com.br|Cadastro em vagas.example.com.br}. {Não cobramos nenhuma "
        "taxa|Processo seletivo gratuito}.",
        hn="legit_job",
    ),
    _t(
        "pt",
        "job-0-aupair",
        "job",
        0,
        (),
        "<agency_aupair>, {patrocinadora oficial do programa J-1|agência designada pelo Departamento de "
        "Estado}, seleciona au pairs para famílias nos Estados Unidos. {Idade de 18 a 26 anos|De 18 a 26 "
        "anos}, {experiência comprovada com crianças|200 horas de experiência com crianças}, {inglês "
        "intermediário|CNH é um diferencial}. Bolsa semanal de US$ <aupair_stipend>, {quarto "
        "individual|quarto próprio}, {US$ 500 para estudos|auxílio educacional de US$ 500} e contrato de "
        "{12 meses|um ano}. {Você fica com seu passaporte e seus documentos o tempo todo|Sem taxas "
        "escondidas; todos os custos estão no contrato}. {Inscrições em|Saiba mais em} "
        "{www.aupair-example.com.br|aupair.example.org}",
        hn="legit_job",
    ),
    # ------------------------------------------------------------------ dating
    _t(
        "pt",
        "dating-0-woman",
        "dating",
        0,
        (),
        "{Oi! Sou a|Olá, eu sou a|Oi, tudo bem? Sou a} <name_f>, tenho <age_adult> anos, sou <job> e moro "
        "em <city>. Curto <hobby> e <hobby2>. {Procuro|Quero conhecer} {algo sério|alguém legal|um cara "
        "gentil e divertido}. {Nada de casual|Não procuro aventura}, {tá?|beleza?|combinado?} {Me manda "
        "uma mensagem|Puxa assunto com uma indicação de filme|Se gosta de cachorro, já temos assunto} "
        "<emo_neutral>",
        hn="dating_first_person",
    ),
    _t(
        "pt",
        "dating-0-man",
        "dating",
        0,
        (),
        "<name_m>, <age_adult>. {Recém-chegado em|Novo em} <city> {por causa do trabalho|por um emprego "
        "novo} e {a fim de conhecer gente|procurando alguém especial}. Sou "
        "{engenheiro|mecânico|professor|cozinheiro|enfermeiro}, curto <hobby>, {cachorros|meu gato|um bom "
        "café}. {Nunca fui casado|Divorciado, um filho}. {Me chama se|Manda mensagem se} {gosta de "
        "caminhar na orla|topa um rodízio de pizza}.",
        hn="dating_first_person",
    ),
    # ------------------------------------------------------------------ for sale / housing
    _t(
        "pt",
        "sale-0-item",
        "for_sale",
        0,
        (),
        "{Vendo|Vende-se} <item> {em ótimo estado|com pouco uso|funcionando 100%|sem detalhes}. R$ "
        "<p_item> {negociável|valor fixo|aceito proposta}. {Retirar em <city>|Entrego em <city>, região "
        "central}. {Pix ou dinheiro|Só à vista|Aceito cartão}. {Chama no zap|WhatsApp|Tratar no} <phone>. "
        "<emo_neutral>",
    ),
    _t(
        "pt",
        "housing-0-room",
        "housing",
        0,
        (),
        "{Alugo|Aluga-se} quarto {mobiliado|individual|com banheiro} {em apartamento tranquilo|em casa "
        "tranquila|em apê compartilhado} na <address>. R$ <rent> por mês {com contas inclusas|+ contas}, "
        "disponível a partir de <month>. {Perto do metrô|Perto de ônibus e mercado|Bairro seguro}. {Não "
        "fumantes|Não aceita pets}. {Contrato e caução de um mês|Caução de um mês}. {Chamar no|Tratar "
        "pelo} <phone>.",
    ),
    # ------------------------------------------------------------------ awareness / news
    _t(
        "pt",
        "aware-0-signs",
        "awareness",
        0,
        (),
        "{Conheça os sinais|Fique atento aos sinais|Saiba reconhecer} do tráfico de pessoas: {proposta de "
        "emprego no exterior com salário alto e passagem paga|agência que fica com o passaporte|dívida da "
        "viagem descontada do salário}. Anúncios com {“novinhas”|“meninas novas toda "
        "semana”|“recém-chegadas, só com local”} também podem ser sinal de alerta. {Desconfie|Na dúvida}, "
        "denuncie: Disque 100 ou Ligue 180, {a ligação é gratuita|o atendimento é sigiloso}. "
        "{Compartilhe!|#TráficoDePessoasÉCrime}",
        hn="awareness",
    ),
    _t(
        "pt",
        "news-0-arrest",
        "news",
        0,
        (),
        "{A Polícia Federal|O Ministério Público Federal} {deflagrou|realizou} nesta "
        "{terça|quinta|sexta}-feira uma operação contra uma rede de tráfico de pessoas {que aliciava "
        "mulheres em <city>|que recrutava jovens em <city>} com promessas de trabalho {na Europa|no "
        "exterior} como {garçonete|babá|modelo}. <n> pessoas foram {presas|indiciadas}. Segundo a "
        "investigação, as vítimas {tinham o passaporte retido|eram obrigadas a pagar uma dívida de € <fee> "
        "pela viagem} e {eram anunciadas como “novidade”|não podiam sair da casa}. {O caso corre em "
        "segredo de Justiça|Os investigados vão responder por tráfico de pessoas}.",
        hn="news",
    ),
    _t(
        "pt",
        "news-0-slavery",
        "news",
        0,
        (),
        "Auditores-fiscais do Trabalho {resgataram|libertaram} <n> trabalhadores em condições análogas à "
        "escravidão em {uma fazenda de café|uma vinícola|uma carvoaria|uma obra} {no interior de Minas "
        "Gerais|na Serra Gaúcha|em Goiás|no sul da Bahia}. {Aliciados em outros estados|Recrutados com "
        "promessa de bom salário}, eles {chegavam já devendo a passagem|tinham os documentos retidos pelo "
        "empregador} e {compravam comida a preços abusivos|não recebiam salário havia meses}. {O "
        "empregador foi autuado|A empresa terá de pagar as verbas rescisórias}, informou o {Ministério do "
        "Trabalho|MPT}.",
        hn="news",
    ),
)

# ====================================================================== French (fr)
FR_TEMPLATES: tuple[Template, ...] = (
    # ------------------------------------------------------------------ escort / personal ads
    _t(
        "fr",
        "escort-2-menu",
        "escort",
        2,
        (S,),
        "{NOUVELLES filles|🆕 Nouvelles filles|ARRIVAGE de filles|Nouvelles copines} à <city> {cette "
        "semaine|aujourd'hui|ce soir}{!!|!!!|} <emo_sexy> On a des <ethnic>, des <ethnic2> et des "
        "<ethnic3> {dispo|disponibles} {24h/24|toute la nuit}. {Elles sont|Les filles sont|Nos filles "
        "sont} {très câlines|très dociles|obéissantes} et {font tout ce que tu veux|ne disent jamais non}. "
        "{Appartement uniquement|Hôtel uniquement|Elles reçoivent uniquement}, {pas de déplacement|elles "
        "ne se déplacent pas}. {Le patron|Mon chauffeur|La gérante} {gère les rdv|t'accueille à la "
        "porte|encaisse avant}. {30 min <p_hh>, 1h <p_h>|<p_hh> roses la demi-heure, <p_h> roses l'heure}. "
        "{Pas de flics|Pas de police|Police s'abstenir}. {Appelle|SMS|WhatsApp} <phone_obf>",
    ),
    _t(
        "fr",
        "escort-2-thirdperson",
        "escort",
        2,
        (S,),
        "{Douce|Petite|Jolie|Exotique} <alias> {a|a seulement} <age_young> ans {et elle débute|et vient "
        "d'arriver en France|et elle est en ville avec une copine}. {Elle ne parle pas français|Elle parle "
        "peu français|Elle est timide au début}, donc {c'est moi qu'il faut contacter|tu m'écris à moi} "
        "{pour la réserver|et j'organise le rdv}. {Hôtel uniquement|Appartement uniquement} {près de la "
        "gare|en centre-ville}. {Espèces uniquement|Cash seulement}, {<p_h> roses|cadeau <p_h>|<p_h>/h}. "
        "{Numéros masqués s'abstenir|Pas d'appels masqués}, {pas de police|pas de flics}. <phone>",
    ),
    _t(
        "fr",
        "escort-2-minor",
        "escort",
        2,
        (S, M),
        "<emo_young> {Toute jeune|Jeune et fraîche|Petite nouvelle} <alias> {vient d'avoir 18 ans|18 ans "
        "tout juste|à peine 18 ans|seulement <age_minor> ans} <emo_young> {encore au lycée|look "
        "écolière|toute menue et innocente|petite et timide} {mdr|😜|}. {Première fois à|Sa première "
        "semaine à} <city>. {Contacte son oncle|Passe par son manager|Rdv avec son « copain »} au "
        "<phone_obf>. {Hôtel uniquement|Appartement uniquement|Lieu discret}. {Discrétion totale|Pas de "
        "police|Pas de flics}.",
    ),
    _t(
        "fr",
        "escort-1-visiting",
        "escort",
        1,
        (S,),
        "{Bonjour messieurs|Coucou les garçons|Salut mes chéris}, moi c'est <alias>, <age_adult> ans, {de "
        "passage à|nouvelle à} <city> {quelques jours|ce week-end seulement|jusqu'à dimanche}. {Je reçois "
        "uniquement|Je reçois chez moi, pas de déplacement|Je reçois dans un appartement privé}. "
        "{Cadeau|Roses|Petit cadeau}: <p_h> de l'heure, {<p_hh> la demi-heure|espèces uniquement}. "
        "{SMS|Appelle} au <phone>. {Messieurs courtois uniquement|Numéros masqués s'abstenir|Vérification "
        "demandée}. <emo_sexy>",
    ),
    # ------------------------------------------------------------------ massage
    _t(
        "fr",
        "massage-1-salon",
        "massage",
        1,
        (S,),
        "{Grande ouverture!|Nouvelle direction!|NOUVEAU} <emo_spa> Salon de massage "
        "{asiatique|thaï|chinois} à <city>, {ouvert tard|de 10h à 2h} {7j/7|tous les jours}. {Nouvelles "
        "masseuses chaque semaine, très câlines|Jeunes masseuses toutes nouvelles|Personnel jeune et "
        "nouveau}. {Douche sur place|Douche comprise}, {cabines privées|salon VIP}. {Finition "
        "possible.|Demandez les extras.|} {Sans rendez-vous|Passez sans rdv}. <phone>",
    ),
    _t(
        "fr",
        "massage-0-practitioner",
        "massage",
        0,
        (),
        "<full_name>, {kinésithérapeute diplômée d'État|praticienne en massage bien-être certifiée FFMBE} "
        "- {massage|modelage} {relaxant|suédois|californien|aux pierres chaudes|sportif} à <city>. Séance "
        "{1h|60 min} <p_massage> €, {1h30|90 min} <p_massage2> €. Cabinet: <address>, {2e étage|bâtiment "
        "B}. {Réservation sur|Prise de rendez-vous sur} {www.kine-example.fr|rdv.example.fr} ou au "
        "<phone>. {Massages strictement non érotiques|Aucune demande à caractère sexuel ne sera "
        "acceptée|Pratique professionnelle, table de massage et serviettes}. {Cartes cadeaux "
        "disponibles|<n_years> ans d'expérience|Facture sur demande}.",
        hn="licensed_massage",
    ),
    # ------------------------------------------------------------------ jobs
    _t(
        "fr",
        "job-2-debt",
        "job",
        2,
        (L,),
        "{Recrutement urgent pour|Départ pour|Travail à l'étranger - destination} <country_dest>: "
        "{ouvriers|hommes et femmes|couples} {secteur <job_title_low>|pour <job_title_low> et entrepôts}. "
        "Salaire <salary_high> € par mois. {On s'occupe de tout|L'agence organise tout}: {billet, visa et "
        "logement|billet d'avion, visa et hébergement}. {Les frais (<fee> €) sont retenus sur le "
        "salaire|Tous les frais (<fee> €) sont remboursés sur les premiers salaires}. {Le patron garde le "
        "passeport|Passeport confié à l'employeur} {pour plus de sécurité|pendant toute la durée du "
        "contrat}. {Départ cette semaine|Départ dans 5 jours|Urgent, départ immédiat}. {Contact "
        "uniquement|Seulement} par WhatsApp <phone>.",
    ),
    _t(
        "fr",
        "job-2-waitress",
        "job",
        2,
        (S, L),
        "{Recherche|Cherchons} {jeunes filles|filles} de {18 à 25|19 à 24} ans, {jolies|minces et "
        "jolies|bonne présentation exigée}, pour {serveuse|serveuse et hôtesse|hôtesse dans un club} à "
        "l'étranger (destination: <country_dest>). {Tu gagnes|Salaire} {jusqu'à|plus de} <salary_high> € "
        "par mois. {Billet et visa avancés|Billet et visa payés par nous}, {remboursés sur ton salaire|tu "
        "rembourses après}. {Sans expérience|Pas besoin de parler anglais}. {Envoie des photos en "
        "pied|Envoie trois photos et ton âge} sur {WhatsApp|Telegram} au <phone>. {Départ sous une "
        "semaine|Départ urgent|Places jusqu'à vendredi}.",
    ),
    _t(
        "fr",
        "job-1-abroad",
        "job",
        1,
        (L,),
        "{Gagnez|Jusqu'à} <salary_high> € par mois à l'étranger! <emo_job> Destination: <country_dest>. "
        "{Sans expérience|Aucune expérience demandée|Aucun diplôme exigé}. {Postes en hôtellerie, usines "
        "et agriculture|Ménage, emballage, usines|Secteur <job_title_low>}. {Places limitées!|Dernières "
        "places!|Vite, il reste peu de places!} {Contact WhatsApp uniquement|Uniquement par "
        "WhatsApp|Écrivez-nous sur Telegram} <phone>",
    ),
    _t(
        "fr",
        "job-0-vendanges",
        "job",
        0,
        (),
        "{Le Domaine des Trois Chênes|Le Château Belair-Moreau|Le Domaine Fontaine & Fils} "
        "({Bordeaux|Beaujolais|Champagne|Bourgogne}) recrute <n> {vendangeurs et "
        "porteurs|coupeurs|saisonniers} pour les vendanges, du <day> septembre à mi-octobre. Contrat "
        "vendanges {signé le premier jour|remis avant l'embauche}, {12,00|12,50|13,00} € brut de l'heure, "
        "heures supplémentaires majorées. {Hébergement gratuit et repas du midi fournis|Repas du midi "
        "offert, hébergement possible sur place}. {Débutants acceptés|Travail en équipe, bonne humeur}. "
        "{Aucun frais demandé aux candidats|Recrutement gratuit}. Candidature: "
        "{recrutement@domaine-example.fr|<phone>}.",
        hn="legit_job",
    ),
    _t(
        "fr",
        "job-0-hotel",
        "job",
        0,
        (),
        "L'hôtel {Les Aiguilles|Le Grand Chalet|Belle Rive|Le Refuge} {4*|3*} à {Chamonix|Val "
        "d'Isère|Biarritz|Annecy} recrute pour la saison {d'hiver|d'été}: {femmes et valets de "
        "chambre|réceptionnistes|commis de cuisine|serveurs/serveuses}. CDD saisonnier de {4|5|6} mois, "
        "{35h|39h} par semaine, <salary_legit> € brut mensuel, {logement fourni et repas pris en "
        "charge|logement possible, repas offerts}. {Convention collective HCR|Deux jours de repos par "
        "semaine}. {Candidature via|Postulez sur} emploi.hotel-example.fr. {Nous ne demandons jamais "
        "d'argent aux candidats|Aucun frais de recrutement}.",
        hn="legit_job",
    ),
    # ------------------------------------------------------------------ dating
    _t(
        "fr",
        "dating-0-woman",
        "dating",
        0,
        (),
        "{Salut! Moi c'est|Coucou, je suis|Bonjour, je m'appelle} <name_f>, <age_adult> ans, je suis <job> "
        "à <city>. J'adore <hobby> et <hobby2>. Je cherche {une vraie relation|quelqu'un de gentil et "
        "drôle|quelqu'un pour découvrir la ville}. {Pas de plan d'un soir|Pas là pour les aventures}, "
        "merci! {Écris-moi|Dis-moi ton film préféré|Si tu aimes les chiens, on a déjà un point commun} "
        "<emo_neutral>",
        hn="dating_first_person",
    ),
    _t(
        "fr",
        "dating-0-man",
        "dating",
        0,
        (),
        "<name_m>, <age_adult> ans. {Nouveau à|Tout juste installé à} <city> {pour le travail|pour un "
        "nouveau poste} et {envie de rencontrer du monde|à la recherche de quelqu'un de bien}. Je suis "
        "{ingénieur|mécanicien|prof de collège|cuisinier|infirmier}, j'aime <hobby> et {les chiens|mon "
        "chat|le bon café}. {Jamais marié|Divorcé, un enfant}. {Écris-moi si|Envoie un message si} {tu "
        "aimes les longues balades|tu me bats au Trivial Pursuit}.",
        hn="dating_first_person",
    ),
    # ------------------------------------------------------------------ for sale
    _t(
        "fr",
        "sale-0-item",
        "for_sale",
        0,
        (),
        "{Vends|À vendre:} <item> {en très bon état|TBE|en parfait état de marche|état impeccable}. "
        "<p_item> € {à débattre|prix ferme|négociable}. {À récupérer à|Remise en main propre à} <city>. "
        "{Paiement en espèces|Espèces ou virement|Paiement sécurisé possible}. {Contact|Tél}: <phone>. "
        "<emo_neutral>",
    ),
    _t(
        "fr",
        "sale-0-produce",
        "for_sale",
        0,
        (),
        "{Fraises|Fraises gariguette} {fraîches|toutes fraîches|du jour} {cueillies ce matin|de la ferme} "
        "{🍓|🍓🍓}! Vente directe à la Ferme {du Moulin|des Trois Saules|Fontaine}: aussi {cerises "
        "🍒|abricots|tomates|pêches|<produce>} et {jeunes pousses|salades|œufs frais}. <p_small> € {la "
        "barquette|le kilo|le panier}. {Cueillette libre|Ouvert} {du mardi au samedi|tous les jours "
        "9h-19h}. <address>",
        hn="fresh_produce",
    ),
    _t(
        "fr",
        "svc-0-bakery",
        "services",
        0,
        (),
        "{Nouveau en ville|Nouvelle boulangerie|Tout juste ouverte}! <bakery> {s'installe|vient d'ouvrir} "
        "<address>: {pain au levain tous les jours|croissants pur beurre chaque matin}, {gâteaux sur "
        "commande|viennoiseries maison}. {Ouvert du mardi au dimanche, 7h-19h|Fermé le lundi}. {Venez "
        "goûter|Café offert toute la semaine}! <emo_neutral>",
        hn="new_in_town_business",
    ),
    # ------------------------------------------------------------------ awareness / news
    _t(
        "fr",
        "aware-0-signs",
        "awareness",
        0,
        (),
        "{Reconnaître les signes|Les signes qui doivent alerter} de la traite des êtres humains: {une "
        "personne qui ne peut pas parler pour elle-même|un employeur qui garde le passeport|une « dette » "
        "de voyage à rembourser sur le salaire}. Les annonces « {nouvelles filles chaque semaine|jeune et "
        "fraîche|de passage, hôtel uniquement} » ou les offres d'emploi à l'étranger {très bien payées "
        "avec voyage et visa tout compris|sans contrat ni employeur identifié} peuvent être des signaux "
        "d'alerte. {En cas de doute|Si vous êtes témoin}, appelez le 17{ ou le 119 si un mineur est "
        "concerné|}. {Partagez!|#TraiteDesÊtresHumains}",
        hn="awareness",
    ),
    _t(
        "fr",
        "news-0-arrest",
        "news",
        0,
        (),
        "Un réseau de {proxénétisme|traite des êtres humains} a été démantelé à <city>: <n> personnes ont "
        "été {interpellées|mises en examen}, {a annoncé le parquet|selon une source proche de l'enquête}. "
        "Les victimes, {recrutées dans leur pays d'origine (<country_src>)|dont deux mineures}, étaient "
        "{proposées en ligne comme « nouvelles filles »|logées dans des appartements loués à la semaine} "
        "et {devaient rembourser une dette de <fee> €|s'étaient vu confisquer leur passeport}. {L'enquête "
        "se poursuit|Le procès est prévu en <month>}.",
        hn="news",
    ),
)

INTL_TEMPLATES: tuple[Template, ...] = (*ES_TEMPLATES, *PT_TEMPLATES, *FR_TEMPLATES)
