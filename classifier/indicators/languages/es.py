"""Spanish wording for the indicator catalog (Spain and Latin America; accents optional)."""

from __future__ import annotations

from classifier.indicators.languages.en import ESCORT
from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (
    r"pasaportes?", r"documentos?", r"papeles", r"dni", r"cedulas?", r"identificaci[oó]n(?:es)?", r"ine",
    r"credencial(?:es)?", r"permisos? de trabajo", r"tarjetas? de residencia", r"nie", r"documentaci[oó]n",
)
PHONES = (r"celulares?", r"tel[eé]fonos?", r"m[oó]viles?", r"celus?")
WAGES = (r"sueldos?", r"salarios?", r"pagos?", r"paga", r"dinero", r"ganancias", r"quincenas?", r"n[oó]minas?")
LIVING_COSTS = (
    r"renta", r"alquiler", r"vivienda", r"alojamiento", r"hospedaje", r"cuartos?", r"camas?", r"comidas?",
    r"alimentaci[oó]n", r"alimentos", r"transporte", r"pasajes?", r"uniformes?", r"herramientas", r"servicios",
    r"luz", r"agua",
)
DURATION_PRICE = (
    r"(?:\d{2,3} ?(?:min|mins|minutos)|media hora|(?:1|una) ?(?:h|hr|hora)|hora completa)\W{0,3}\$? ?\d{2,4}\b"
)
EMPLOYER = r"(?:el patr[oó]n|el jefe|la jefa|la empresa|la agencia|el empleador|el due[nñ]o|la due[nñ]a|el encargado|" \
    r"la encargada|nosotros|el contratista|el agente)"

LANGUAGE = Language(
    code="es",
    name="Spanish",
    negation=(
        r"no(?! (?:te preocupes|se preocupe|hay problema|problema))", r"nunca", r"jam[aá]s", r"sin", r"ni", r"ning[uú]n", r"ninguna", r"ninguno", r"tampoco", r"nadie",
        r"cero", r"libre de", r"evite", r"evita", r"cuidado con", r"es ilegal",
    ),
    post_negation=(
        r"ninguna", r"ninguno", r"gratis", r"gratuit[oa]s?", r"no se cobra", r"no requerid[oa]", r"\$ ?0\b",
        r"(?:cubiert[oa]s?|pagad[oa]s?) por (?:el empleador|la empresa|nosotros)", r"es ilegal", r"nunca",
    ),
    contrast=(r"pero", r"sino", r"aunque", r"sin embargo", r"excepto"),
    markers=(r"el", r"los", r"las", r"del", r"y", r"con", r"muy", r"hay", r"usted", r"nosotros", r"ella", r"pero", r"tambien", r"sus", r"una", r"es"),
    contexts={
        "adult": terms(
            r"acompa[nñ]antes?", ESCORT, r"masajes? (?:er[oó]tic|t[aá]ntric|sensual)\w*", r"final feliz",
            r"servicio completo", r"chicas (?:calientes|complacientes|de compa[nñ][ií]a)",
            r"citas? discretas?", r"donativos?", r"\d+ ?rosas", r"reservarla", r"sexo (?:oral|anal|completo|sin cond[oó]n|casual|rico)",
            r"calientes?", r"complacientes?", r"trato de novia", r"prepagos?", r"damas? de compa[nñ][ií]a",
            r"se[nñ]oritas? de compa[nñ][ií]a", r"casas? de citas", r"puticlub", r"nenas",
            r"servicios? sexuales", r"sin tab[uú]es", r"encuentros? (?:discretos?|casuales)", r"mami(?:ta)?s?",
            r"besos? negros?", r"griego", r"hago de todo", r"agencia vip", r"hotel de paso", r"nuevitas?", r"morritas?",
            r"atiendo (?:solo )?en (?:departamento|depto|hotel|lugar) propio", r"solo hoteles", r"\d+ ?(?:€|\$)? ?(?:la|por) "
            r"(?:media hora|hora)",
        ),
        "job": terms(
            r"trabajos?", r"empleos?", r"vacantes?", r"sueldos?", r"salarios?", r"contratamos", r"se busca\w*",
            r"se necesita\w*", r"se solicita\w*", r"ofertas? de (?:trabajo|empleo)", r"puestos?", r"reclut\w+",
            r"contrato", r"empleador", r"jornaleros?", r"obreros?", r"trabajador(?:es|as?)?", r"meseras?",
            r"camareras?", r"ni[nñ]eras?", r"au pair", r"cuidadoras?", r"empleadas? dom[eé]sticas?", r"cosecha",
            r"temporada de trabajo", r"pago semanal", r"visas? de trabajo", r"modelos?", r"edecanes?", r"anfitrionas?",
            r"bailarinas?", r"azafatas?", r"mano de obra", r"laborales?",
            r"camarer[oa]s?", r"meser[oa]s?", r"cociner[oa]s?", r"ayudantes? de cocina", r"lavaplatos", r"friegaplatos",
            r"alba[nñ]il(?:es)?", r"peones?", r"recolector(?:es|as?)?", r"temporer[oa]s?", r"empacador(?:es|as?)?",
            r"limpiador(?:es|as?)?", r"personal de limpieza", r"limpieza (?:de|en) (?:hotel(?:es)?|casas|oficinas)",
            r"internas?", r"chofer(?:es)?", r"soldador(?:es)?", r"operari[oa]s?", r"ayudantes? de (?:obra|cocina|almac[eé]n)"
        ),
        "massage": terms(
            r"masajes?(?! (?:sill[oó]n|asiento|butaca))", r"masajistas?", r"centros? de masajes?", r"salas? de masajes?",
            r"reflexolog[ií]a", r"spa (?:de masajes|oriental|asi[aá]tico)",
        ),
        "abroad": terms(
            r"extranjero", r"exterior", r"europa", r"espa[nñ]a", r"jap[oó]n", r"dubai", r"estados unidos", r"eeuu",
            r"canad[aá]", r"alemania", r"italia", r"suiza", r"portugal", r"francia", r"otro pa[ií]s",
            r"fuera del pa[ií]s", r"sin experiencia", r"chile", r"corea", r"china", r"rusia", r"turqu[ií]a",
        ),
        "talent": terms(
            r"modelos?", r"modelaje", r"casting", r"talentos?", r"actrices", r"influencers?", r"edecanes?",
            r"azafatas?", r"book de fotos", r"portafolio", r"agencia", r"bailarinas?",
        ),
    },
    mitigators={
        "awareness_or_news": terms(
            r"trata de (?:personas|blancas|mujeres)", r"trata (?:laboral|con fines)", r"tr[aá]fico de personas",
            r"v[ií]ctimas?", r"sobrevivientes?", r"trabajo forzoso", r"esclavitud moderna", r"servidumbre por deudas",
            r"se[nñ]ales de alerta", r"banderas rojas", r"si ves", r"denuncia\w*", r"l[ií]nea (?:de ayuda|directa|nacional)",
            r"fueron detenid[oa]s", r"detenid[oa]s", r"la polic[ií]a", r"seg[uú]n", r"fiscal[ií]a", r"condenad[oa]s?",
            r"sentencia", r"investigaci[oó]n", r"rescatad[oa]s", r"operativo", r"ong", r"campa[nñ]a", r"prevenci[oó]n",
            r"concientizaci[oó]n", r"prot[eé]gete", r"alerta", r"tribunal", r"prisi[oó]n", r"desarticulad[oa]",
            r"red (?:criminal|de trata)", r"captaba", r"autoridades", r"acusad[oa]s?", r"imputad[oa]s?", r"explot\w+",
            r"tratantes", r"juez", r"proces[oó]", r"pide ayuda", r"l[ií]nea gratuita", r"multad[oa]", r"investigador\w*",
        ),
        "licensed_professional": terms(
            r"fisioterapeutas?", r"colegiad[oa]", r"c[eé]dula profesional", r"masajista (?:titulad[oa]|certificad[oa]|"
            r"profesional)", r"terapeuta (?:certificad[oa]|titulad[oa])", r"licenciad[oa]", r"quiropr[aá]ctic\w+",
            r"cl[ií]nica", r"masaje (?:deportivo|terap[eé]utico|descontracturante)",
        ),
        "transparent_employer": terms(
            r"contrato", r"sin costo", r"sin cobro", r"gratuit[oa]", r"seguro social", r"prestaciones", r"imss",
            r"alta en (?:la )?seguridad social", r"n[oó]mina", r"horas extras? pagadas", r"vacaciones pagadas",
            r"no cobramos", r"nunca cobramos",
        ),
    },
    indicators={
        "sex.third_person": terms(
            r"ella (?:es|est[aá]|habla|no habla|tiene|te|se|hace|ofrece|atiende|viene)", r"se llama",
            r"nuestras (?:chicas|nenas|ni[nñ]as|se[nñ]oritas|modelos)", r"mis (?:chicas|nenas)",
            r"las chicas (?:son|est[aá]n|te)", r"(?:es|est[aá]) t[ií]mida",
        ),
        "sex.movement": terms(
            r"reci[eé]n llegad[oa]", r"nueva en (?:la ciudad|\w+)", r"solo por (?:unos|pocos) d[ií]as", r"de paso",
            r"acaba de llegar", r"en la ciudad por", r"[uú]ltimos d[ií]as", r"me voy (?:pronto|ma[nñ]ana)",
            r"de visita", r"solo (?:esta|por esta) semana", r"de gira",
        ),
        "sex.ethnicity": terms(
            r"latinas?", r"colombianas?", r"venezolanas?", r"brasile[nñ]as?", r"rusas?", r"asi[aá]ticas?", r"rumanas?",
            r"dominicanas?", r"cubanas?", r"paraguayas?", r"mexicanas?", r"argentinas?", r"ucranianas?", r"orientales?",
            r"ex[oó]ticas?", r"europeas?", r"africanas?", r"mulatas?", r"japonesas?", r"tailandesas?", r"filipinas?",
            r"peruanas?", r"bolivianas?", r"ecuatorianas?",
        ),
        "sex.multiple_workers": terms(
            r"chicas (?:nuevas|disponibles)", r"(?:variedad|selecci[oó]n) de chicas", r"chicas nuevas cada",
            r"nuevas (?:chicas|masajistas|se[nñ]oritas) (?:cada|todas|todos)", r"(?:dos|2|tres|3|varias|muchas) chicas",
            r"chicas de (?:todas|varias) (?:las )?(?:nacionalidades|edades)", r"nuevas masajistas", r"rotamos chicas",
            r"todas nuevitas", r"\d+ chicas disponibles",
        ),
        "sex.restricted_incall": terms(
            r"solo (?:en )?(?:hotel|departamento propio|lugar propio|mi departamento|depto propio)",
            r"solo atiendo en", r"lugar propio",
            negative=(r"sin salidas", r"no (?:hago|realizo) (?:salidas|domicilios)"),
        ),
        "sex.third_party_control": terms(
            r"(?:el|la) encargad[oa]", r"mi chofer", r"el chofer",
            r"(?:el|la) (?:jefe|jefa|due[nñ]o|due[nñ]a|manager|representante|recepci[oó]n) ~2 (?:agenda|maneja|cobra|"
            r"recibe|arregla|coordina|reserva)",
            r"(?:reservas|citas) (?:con|a trav[eé]s de|por) (?:el|la) (?:encargad[oa]|jefe|jefa|recepci[oó]n|manager)",
            r"escr[ií]beme a m[ií] (?:para reservarla|no a ella)", r"hablar conmigo,? no con ella",
            r"(?:el|la) (?:ch[oó]fer|encargad[oa]|t[ií]a|patr[oó]n|jefe|jefa|due[nñ][oa]) ~4 (?:cobra|agenda|recibe|las? lleva|"
            r"reserva)", r"reservas? con (?:nuestro|el|mi) ch[oó]fer",
            r"habla poco (?:espa[nñ]ol|castellano)",
            negative=(r"no habla (?:espa[nñ]ol|castellano)",),
        ),
        "sex.price_codes": terms(
            r"rosas", r"donativos?", r"solo efectivo", r"pago en efectivo", r"media hora", r"hora completa",
            r"\d+ ?/ ?(?:hr|h|hora)",
        ),
        "sex.law_enforcement_evasion": terms(
            negative=(r"(?:sin|nada de|no|cero) polic[ií]as?", r"(?:sin|nada de|no|cero) polis", r"no (?:tiras|cana|federales|judiciales)"),
        ),
        "sex.client_screening": terms(
            r"verificaci[oó]n (?:previa|requerida)",
            negative=(r"n[uú]meros? privados? no", r"no (?:contesto|atiendo) (?:n[uú]meros? )?privados"),
        ),
        "sex.trust_language": terms(
            r"fotos (?:reales|100 ?%|verificadas)", r"100 ?% reales?",
            negative=(r"sin enga[nñ]os", r"no (?:fake|fotos falsas)"),
        ),
        "sex.adult_service_terms": terms(
            r"final feliz", r"masajes? (?:er[oó]tic|t[aá]ntric|sensual)\w*", r"servicio completo", r"acompa[nñ]antes?",
            ESCORT, r"prepagos?", r"damas? de compa[nñ][ií]a", r"se[nñ]oritas? de compa[nñ][ií]a",
        ),
        "sex.parlour_cues/strong": terms(
            r"final feliz", r"masajes? (?:con final|completo|cuerpo a cuerpo|con ducha)", r"cuerpo a cuerpo",
            r"ducha (?:er[oó]tica|juntos|incluida)", r"servicio completo", r"extras", r"tantra", r"sensitivo",
        ),
        "sex.parlour_cues/staff": terms(
            r"(?:chicas|masajistas|se[nñ]oritas) (?:nuevas|j[oó]venes|guapas|bonitas|hermosas|asi[aá]ticas|orientales)",
            r"nuevas (?:chicas|masajistas)", r"j[oó]venes (?:masajistas|chicas)",
        ),
        "sex.parlour_cues/clientele": terms(r"solo (?:para )?(?:hombres|caballeros)", r"exclusivo (?:para )?caballeros"),
        "sex.parlour_cues/rooms": terms(r"ducha", r"jacuzzi", r"(?:salas?|cabinas?|habitaciones?) (?:vip|privadas?)"),
        "sex.parlour_cues/hours": terms(
            r"(?:abierto|atendemos) (?:hasta tarde|24 ?h(?:oras)?|toda la noche)", r"hasta las (?:1|2|3|4) ?(?:am|de la madrugada)",
            r"24 ?horas", r"24/7",
        ),
        "sex.parlour_cues/cash": terms(r"solo efectivo", r"pago en efectivo"),
        "sex.parlour_cues/discreet": terms(r"discreci[oó]n", r"discret[oa]", r"entrada discreta", r"estacionamiento privado"),
        "sex.coded_payment": terms(
            r"tributo", r"regalo (?:por|para) mi tiempo", r"donativo (?:por|para) (?:mi|su) tiempo",
            r"caballeros (?:generosos|espl[eé]ndidos)", r"hombres? (?:generosos?|espl[eé]ndidos?)",
            r"(?:relaci[oó]n|acuerdo) (?:de )?(?:sugar|mutuo beneficio|discreta)", r"sugar (?:daddy|baby)",
            r"mutuo beneficio", r"ayuda econ[oó]mica", r"(?:pago|cobro) por (?:encuentro|cita|salida)",
            r"compa[nñ][ií]a (?:por|a cambio de) (?:dinero|regalos)",
        ),
        "sex.time_sold": terms(
            r"vendo mi tiempo", r"(?:mi|su) tiempo (?:por|a|cuesta) \$? ?\d+", r"renta (?:de )?(?:novia|acompa[nñ]ante)",
            r"compa[nñ][ií]a por hora",
            near=(Near((r"especial(?:es)?", r"promoci[oó]n(?:es)?", r"promos?", r"ofertas?"), (DURATION_PRICE,), window=6),),
        ),
        "sex.venue_rental": terms(
            r"(?:habitaciones?|cuartos?|departamentos?|deptos?|pisos?|plazas?) ~3 para (?:chicas|se[nñ]oritas|"
            r"masajistas|independientes|trabajadoras|escorts)",
            r"(?:renta|alquiler|se rentan?|se alquilan?) (?:por|x) (?:hora|horas|ratos?)",
            r"plazas? (?:libres )?(?:para|de) chicas",
            r"(?:reservar|rentar|alquilar|sacar) (?:un |una )?(?:cuarto|habitaci[oó]n) (?:de hotel|en un hotel) ~3 "
            r"(?:para (?:m[ií]|nosotras|ella|mi prima|mi amiga)|a tu nombre|con tu (?:identificaci[oó]n|credencial|tarjeta))",
            r"(?:hotel|motel|cuarto) ~3 a tu nombre",
        ),
        "minor.youth_language": terms(
            r"jovencitas?", r"chiquillas?", r"colegialas?", r"morritas?", r"nuevitas?", r"me estoy iniciando", r"reci[eé]n cumplidos", r"acabo de cumplir (?:los )?18",
            r"apenas 18", r"solo 18", r"muy joven(?:cita)?", r"ni[nñ]as?", r"adolescentes?", r"inocentes?",
            r"primera vez", r"carita de ni[nñ]a", r"virgen(?:cita)?", r"lolitas?", r"menores? de edad",
        ),
        "minor.school_family": terms(
            r"colegio", r"secundaria", r"preparatoria", r"prepa", r"uniforme escolar",
            r"despu[eé]s de (?:clases|la escuela|la prepa)", r"estudiante de (?:prepa|secundaria)",
            r"vive con (?:sus pap[aá]s|su t[ií]a|su t[ií]o)",
        ),
        "minor.stated_age_under_18": terms(
            r"(?:chicas|ni[nñ]as|j[oó]venes|menores|modelos) (?:de |entre )?1[0-7] (?:a|y|-) 1[0-7](?: a[nñ]os)?",
            r"menores de edad", r"desde los 1[2-7] a[nñ]os",
        ),
        "general.off_platform_contact": terms(
            r"solo (?:por )?(?:whatsapp|wsp|wasap|telegram)", r"contacto (?:solo )?por (?:whatsapp|wsp|telegram)",
            r"(?:info|informaci[oó]n|detalles) (?:por|al) (?:whatsapp|wsp|interno|privado|inbox|dm)",
        ),
        "general.urgency_pressure": terms(
            r"viaje inmediato", r"salida inmediata", r"urgente", r"cupos limitados", r"plazas limitadas",
            r"[uú]ltimos cupos", r"(?:viaja|sales?|salida) (?:esta|la pr[oó]xima) semana", r"inicio inmediato",
            r"incorporaci[oó]n inmediata",
        ),
        "general.phone_confiscation": terms(
            r"(?:entregar|entregas|entregan|dejar|dejas|dejan) (?:tu|su|sus|el|los) (?:celular|tel[eé]fono|m[oó]vil)(?:es)?",
            r"(?:nos quedamos con|guardamos|retenemos|quitamos|recogemos) (?:tu|su|sus|el|los) (?:celular|tel[eé]fono|"
            r"m[oó]vil)(?:es)?",
            near=(Near(PHONES, (r"guardad[oa]s?", r"retenid[oa]s?", r"recogid[oa]s?", r"confiscad[oa]s?",
                                r"en la caja fuerte", r"quitad[oa]s?", r"en la oficina", r"con el (?:jefe|encargado)"),
                       window=4),),
            negative=(
                r"(?:las chicas|ellas|ella|las trabajadoras|los trabajadores) no (?:tienen|tiene|pueden tener|usan|"
                r"pueden usar) (?:celular|tel[eé]fono|m[oó]vil)(?:es)?",
                r"sin (?:celular|tel[eé]fono) (?:durante|todo) (?:el contrato|la temporada)",
            ),
            unless=(r"casilleros?", r"lockers?", r"durante (?:el turno|la jornada|el trabajo|clases)", r"pantalla",
                    r"funda", r"cargador", r"memoria", r"bater[ií]a", r"liberado", r"vendo"),
        ),
        "labor.too_good_pay": terms(
            r"gana(?:r|s)? hasta", r"dinero f[aá]cil", r"(?:sueldo|salario|pago) (?:alto|excelente|muy alto|atractivo)",
            r"altos (?:ingresos|sueldos)", r"\d{1,2}[.,]?\d{3} ?(?:d[oó]lares|usd|euros?|€|\$)? ?(?:al|por|x|/) ?(?:mes|semana)",
            r"\d{3,4} ?(?:d[oó]lares|usd|euros?|€|\$)? (?:al|por|x) d[ií]a",
        ),
        "labor.no_experience": terms(
            negative=(
                r"sin experiencia", r"no se requiere experiencia", r"no (?:necesitas|necesita|se necesita|requiere) experiencia",
                r"no necesitas hablar (?:ingl[eé]s|el idioma)",
            ),
        ),
        "labor.irregular_status": terms(
            r"con visa de turista", r"(?:pago|paga) en (?:negro|mano)", r"trabajo en negro",
            r"indocumentados? (?:bienvenidos|ok)", r"no importa (?:tu |la )?situaci[oó]n (?:legal|migratoria)",
            negative=(
                r"sin papeles", r"sin documentos", r"no (?:se )?(?:necesitas|necesita|piden|pedimos|requiere|requieren) "
                r"(?:papeles|documentos)", r"sin permiso de trabajo",
            ),
        ),
        "labor.recruitment_fees_debt": terms(
            r"(?:tr[aá]mites?|visas?|asesor[ií]a) ~6 (?:costo|cuesta|pago de) (?:de )?\$? ?\d",
            r"(?:cuota|costo|pago|tarifa|comisi[oó]n) (?:de |por )?(?:inscripci[oó]n|colocaci[oó]n|reclutamiento|"
            r"tr[aá]mites?|gesti[oó]n|agencia|registro|capacitaci[oó]n|procesamiento)",
            r"(?:pagar|pagas|paga|pague) (?:una )?(?:cuota|comisi[oó]n|tarifa) (?:para|por|de)",
            r"se (?:te )?(?:descuenta|descuentan|descontar[aá]n?|cobra|cobrar[aá]) ~2 (?:del|de tu|de su) (?:primer )?"
            r"(?:sueldo|salario|pago|n[oó]mina)",
            r"deudas?", r"(?:adelanto|anticipo) (?:del |de )?(?:pasaje|boleto|vuelo|viaje)",
            r"(?:pasaje|boleto|vuelo|viaje|visa)s? ~2 adelantad[oa]s?",
            near=(Near((r"viajes?", r"pasajes?", r"boletos?", r"vuelos?", r"visas?", r"billetes?", r"gastos de viaje"),
                       (r"(?:lo |los |la |me lo |nos lo )?(?:devuelves|devuelve|devolver[aá]s|devolver|pagas|pagar[aá]s|"
                        r"reembolsas) (?:con tu trabajo|trabajando|del sueldo|de tu sueldo)", r"se descuenta\w*",
                        r"descontad\w+"), window=8),
                  Near((r"deudas?", r"pr[eé]stamos?", r"adelantos?", r"anticipos?", r"adelantamos", r"prestamos"),
                       (r"descuenta\w*", r"descontad\w*", r"pagas? (?:con|trabajando)", r"devuelve\w*", r"devolver",
                        r"reembols\w*", r"(?:del|de tu) sueldo", r"del salario"), window=5),),
            unless=(r"(?:pagad[oa]|cubiert[oa]|asumid[oa]) por (?:el empleador|la empresa)",
                    r"(?:la empresa|el empleador) (?:paga|cubre|asume)", r"renta", r"alquiler", r"departamento",
                    r"inquilin\w+"),
        ),
        "labor.travel_arranged": terms(
            r"(?:nosotros )?(?:nos encargamos|arreglamos|tramitamos|pagamos|cubrimos) (?:de )?(?:todo|el pasaje|la visa|"
            r"los tr[aá]mites|el boleto|el vuelo)",
            r"(?:pasaje|boleto|visa|vuelo)s? y (?:visa|pasaje|boleto|alojamiento|hospedaje|vivienda)",
            r"todo (?:incluido|arreglado|pagado)", r"te (?:recogemos|esperamos) en el aeropuerto",
            r"transporte y (?:cuarter[ií]a|vivienda|alojamiento|hospedaje) incluid[oa]s", r"te ayudamos con el viaje",
            r"visa (?:de trabajo )?garantizada",
        ),
        "labor.document_retention": terms(
            EMPLOYER + r" ~2 (?:guarda|guardan|guardar[aá]n?|retiene|retienen|retendr[aá]n?|se queda con|se quedan con|"
            r"tiene|tendr[aá]|mantiene|custodia) ~2 (?:" + "|".join(DOCUMENTS) + ")",
            r"(?:guardamos|retenemos|nos quedamos con|custodiamos|recogemos|confiscamos) ~2 (?:" + "|".join(DOCUMENTS) + ")",
            r"(?:" + "|".join(DOCUMENTS) + r") ~3 (?:guarda|guardan|retiene|retienen|custodia|tiene|tienen) " + EMPLOYER,
            r"(?:entregar|entregas|entregan|entregue|entreguen|dejar|dejas|dejan) (?:tu|su|sus|el|los) (?:" + "|".join(DOCUMENTS)
            + r") (?:al|a la) (?:llegar|patr[oó]n|jefe|empresa|agencia|empleador|encargad[oa]|oficina)",
            near=(Near(DOCUMENTS, (r"retenid[oa]s?", r"guardad[oa]s?", r"confiscad[oa]s?", r"recogid[oa]s?",
                                   r"en custodia", r"bajo custodia", r"en la caja fuerte", r"resguardad[oa]s?",
                                   r"queda(?:n)? (?:en poder|con (?:el|la) (?:patr[oó]n|jefe|empresa|agencia|empleador|"
                                   r"encargad[oa]))", r"se queda(?:n)? (?:en la oficina|con nosotros)"), window=4),),
            unless=(r"copias?", r"fotocopias?", r"escane\w+", r"vigentes?", r"renova\w+", r"embajada", r"consulado",
                    r"traer", r"traiga", r"trae", r"contigo", r"a la mano", r"solicitar", r"perdid[oa]s?",
                    r"encontrad[oa]s?"),
        ),
        "labor.confinement": terms(
            r"encerrad[oa]s?", r"bajo llave",
            r"(?:puertas?|port[oó]n|rejas?) ~2 (?:cerrad[oa]s? con llave|con candado|cerrad[oa]s? por fuera)",
            r"permiso (?:del jefe |del patr[oó]n |del encargado )?para salir", r"toque de queda estricto",
            r"prohibido salir",
            near=(Near((r"acompa[nñ]ad[oa]s?", r"escoltad[oa]s?", r"vigilad[oa]s?", r"custodiad[oa]s?"),
                       (r"salidas?", r"compras", r"salir", r"paseos?", r"d[ií]as? libres?", r"la ciudad", r"el pueblo"),
                       window=3),),
            negative=(
                r"no (?:pueden|puedes|puede|se puede|se permite|se les permite|est[aá] permitido|est[aá]n permitid[oa]s) "
                r"(?:salir|irse|dejar el trabajo|abandonar)",
                r"no (?:salen|sale|salimos) (?:del|de la) (?:lugar|casa|local|finca|edificio|trabajo|campamento)",
                r"nadie (?:puede )?sale", r"sin (?:salir|salidas) (?:durante|todo|en toda)",
            ),
            unless=(r"mascotas?", r"perros?", r"ni[nñ]os", r"residentes", r"pacientes", r"clientes", r"estudiantes"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:al|hasta el) (?:final|fin|t[eé]rmino|terminar) (?:de la|del) "
            r"(?:temporada|contrato|cosecha|viaje|gira|trabajo|a[nñ]o|proyecto)",
            r"(?:se (?:te )?)?paga(?:mos|r[aá]|n)? ~3 (?:al final|al terminar|despu[eé]s) (?:de la|del) (?:temporada|contrato|"
            r"cosecha|viaje|gira)",
            r"(?:guardamos|retenemos|retiene|nos quedamos con) (?:tu|su|el|los) (?:sueldo|salario|pago|dinero)",
            near=(Near(WAGES, (r"retenid[oa]s?", r"guardad[oa]s?", r"diferid[oa]s?", r"aplazad[oa]s?"), window=3),),
            negative=(r"sin (?:pago|sueldo) (?:hasta|durante el primer)",),
            unless=(r"bono\w*", r"bonificaci[oó]n", r"aguinaldo", r"propinas", r"comisiones", r"prima", r"cada mes",
                    r"mensual(?:es)?", r"semanal(?:es)?", r"quincenal(?:es)?", r"dep[oó]sito", r"finiquito"),
        ),
        "labor.wage_deductions": terms(
            r"(?:descontamos|descuentan|descuenta|cobramos) ~2 (?:la renta|el alquiler|la comida|el transporte|el cuarto|"
            r"el hospedaje|la vivienda)",
            r"se descuenta(?:n)? del (?:cheque|sueldo|pago|salario)",
            near=(Near(LIVING_COSTS, (r"se descuenta\w*", r"descontad[oa]s?", r"rebajad[oa]s?", r"se resta\w*",
                                      r"sale de tu (?:sueldo|pago|cheque)", r"del sueldo", r"de tu sueldo", r"del cheque"),
                       window=4),),
        ),
        "labor.excessive_hours": terms(
            r"(?:7|siete) d[ií]as (?:a la|por|de la) semana", r"de lunes a domingo",
            r"(?:1[4-9]|2[0-4]|catorce|quince|diecis[eé]is) horas (?:al d[ií]a|por d[ií]a|diarias)",
            r"jornadas? de (?:1[4-9]|2[0-4]) horas", r"disponible 24 ?(?:h|horas|/7)",
            negative=(r"sin (?:d[ií]as? de )?descanso", r"sin d[ií]as? libres?", r"no hay (?:d[ií]as? de )?descanso",
                      r"nunca descansas"),
        ),
        "labor.vague_employer": terms(
            r"empresa (?:reconocida|importante|confidencial|internacional|seria)",
            r"detalles (?:por|al) (?:whatsapp|telegram|privado|inbox|interno|dm)",
            r"informaci[oó]n (?:por|en) (?:privado|interno|inbox)", r"(?:nuestro|un) cliente (?:importante|extranjero)",
        ),
        "labor.appearance_restrictions": terms(
            r"(?:chicas|mujeres|se[nñ]oritas|j[oó]venes|muchachas) (?:de |entre )?\d{2} (?:a|y|-) \d{2}(?: a[nñ]os)?",
            r"(?:chicas|mujeres|se[nñ]oritas|muchachas) (?:bonitas|guapas|atractivas|delgadas|lindas|hermosas)",
            r"buena presencia", r"buen f[ií]sico", r"excelente presentaci[oó]n", r"solo (?:mujeres|chicas|se[nñ]oritas)",
            r"(?:chicas|se[nñ]oritas|muchachas) para (?:trabajar (?:en|de) )?(?:bar(?:es)?|club|discoteca|karaoke|cantina|"
            r"night ?club)", r"env[ií]a (?:tu )?fotos? y (?:tu )?edad", r"fotos? de cuerpo (?:completo|entero)",
        ),
        "labor.work_abroad": terms(
            r"(?:trabajo|trabajar|empleo) en (?:el )?(?:extranjero|exterior|espa[nñ]a|europa|jap[oó]n|dubai|estados unidos|"
            r"canad[aá]|alemania|italia|suiza|corea|china|rusia)",
            r"trabaja fuera del pa[ií]s",
        ),
        "labor.talent_lure": terms(
            r"sesi[oó]n(?:es)? (?:de fotos )?privadas? ~4 (?:en efectivo|pago en efectivo|pago inmediato|cash)",
            r"(?:fiestas|eventos|viajes) (?:privad[oa]s|vip|en yate) ~3 (?:modelos|chicas|edecanes)",
            r"(?:modelos|chicas|edecanes|azafatas) para (?:\w+ ){0,2}(?:fiestas|eventos|viajes) (?:privad[oa]s|vip)",
            r"viajar con (?:clientes|empresarios)", r"(?:pago|se paga|te pagamos) ~3 (?:despu[eé]s|al regreso) del viaje",
            near=(Near((r"cuotas?", r"pagos?", r"costo", r"pagar", r"dep[oó]sito", r"\$ ?\d+"),
                       (r"para (?:entrar|unirte|formar parte|estar) (?:a|en|de) (?:la agencia|nuestro cat[aá]logo|"
                        r"nuestro book|el book|nuestra agencia)", r"book de fotos", r"portafolio"), window=5),),
        ),
    },
)
# fmt: on
