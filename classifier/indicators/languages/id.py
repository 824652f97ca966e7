"""Indonesian (and Malay) wording for the indicator catalog."""

from __future__ import annotations

from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (r"paspor", r"dokumen", r"ktp", r"kartu identitas", r"surat-surat", r"ijazah", r"visa kerja")
PHONES = (r"hp", r"handphone", r"ponsel", r"telepon", r"hape")
WAGES = (r"gaji", r"upah", r"bayaran")
LIVING_COSTS = (r"mess", r"tempat tinggal", r"makan", r"transport\w*", r"seragam", r"sewa", r"asrama", r"kos", r"listrik")

LANGUAGE = Language(
    code="id",
    name="Indonesian",
    negation=(r"tidak", r"tak", r"tanpa", r"bukan", r"jangan", r"belum", r"gak", r"nggak", r"ngga", r"enggak", r"tdk",
              r"waspada(?:i)?"),
    post_negation=(r"gratis", r"tidak dipungut biaya", r"bebas biaya", r"rp ?0\b", r"ditanggung (?:majikan|perusahaan)"),
    contrast=(r"tapi", r"tetapi", r"namun", r"kecuali"),
    markers=(r"yang", r"dan", r"di", r"ke", r"dari", r"untuk", r"dengan", r"ini", r"itu", r"akan", r"ada", r"kami", r"anda", r"tidak"),
    contexts={
        "adult": terms(r"open bo", r"pijat plus", r"plus plus", r"cewek panggilan", r"esek-esek",
                       r"bispak", r"jablay", r"(?:short|long) time \d+ ?(?:k|rb|ribu|jt)", r"booking out"),
        "job": terms(r"lowongan", r"loker", r"kerja", r"pekerjaan", r"dibutuhkan", r"dicari", r"gaji", r"upah",
                     r"karyawan", r"pekerja", r"tenaga kerja", r"pmi", r"tki", r"tkw", r"majikan", r"kontrak",
                     r"pramusaji", r"pembantu", r"pengasuh", r"perawat lansia", r"baby ?sitter"),
        "massage": terms(r"pijat", r"refleksi", r"terapis pijat", r"panti pijat"),
        "abroad": terms(r"luar negeri", r"malaysia", r"hong ?kong", r"taiwan", r"arab saudi", r"timur tengah", r"jepang",
                        r"korea", r"singapura", r"brunei", r"tanpa pengalaman", r"eropa", r"polandia", r"kamboja"),
        "talent": terms(r"model", r"talent", r"casting", r"photo ?shoot", r"sesi foto", r"agensi", r"penari",
                        r"ladies companion"),
    },
    mitigators={
        "awareness_or_news": terms(
            r"perdagangan orang", r"tppo", r"korban", r"kerja paksa", r"perbudakan", r"waspada", r"hati-hati",
            r"laporkan", r"polisi", r"ditangkap", r"diamankan", r"tersangka", r"pengadilan", r"vonis", r"bp2mi",
            r"penipuan", r"modus",
        ),
        "licensed_professional": terms(r"fisioterapis", r"bersertifikat", r"berlisensi", r"klinik", r"terapis profesional"),
        "transparent_employer": terms(r"resmi", r"terdaftar di (?:bp2mi|kemnaker|disnaker)", r"p3mi", r"kontrak kerja",
                                      r"bpjs", r"tanpa biaya", r"tidak dipungut biaya"),
    },
    indicators={
        "sex.third_person": terms(r"cewek-cewek kami", r"dia (?:siap|masih)"),
        "sex.multiple_workers": terms(r"banyak pilihan cewek", r"cewek baru (?:setiap|tiap) (?:minggu|hari)", r"stok baru"),
        "sex.third_party_control": terms(r"mucikari", r"germo", r"(?:mami|admin) ~2 (?:atur|pegang|ambil)",
                                         r"booking (?:lewat|via|melalui) (?:admin|mami)"),
        "sex.price_codes": terms(r"\d+ ?(?:k|rb|ribu|jt) ?(?:/|per) ?(?:jam|short|st|lt|malam)",
                                 r"(?:short|long) time \d+ ?(?:k|rb|ribu|jt)"),
        "sex.trust_language": terms(r"foto asli", r"real pict?", r"100 ?% real"),
        "sex.adult_service_terms": terms(r"open bo", r"pijat plus", r"plus plus", r"cewek panggilan",
                                         r"esek-esek", r"bispak"),
        "sex.parlour_cues/strong": terms(r"pijat plus", r"plus plus", r"mandi bareng"),
        "sex.parlour_cues/staff": terms(r"terapis (?:cantik|muda|baru)", r"(?:cewek|terapis) baru"),
        "sex.parlour_cues/clientele": terms(r"khusus pria"),
        "sex.parlour_cues/rooms": terms(r"kamar (?:vip|pribadi)"),
        "sex.parlour_cues/hours": terms(r"buka (?:24 jam|sampai (?:larut|pagi|subuh))"),
        "sex.parlour_cues/cash": terms(r"bayar tunai"),
        "sex.parlour_cues/discreet": terms(r"privasi terjamin"),
        "sex.coded_payment": terms(r"om-om", r"simpanan", r"dermawan"),
        "sex.venue_rental": terms(r"kamar (?:per jam|jam-jaman)", r"sewa kamar per jam"),
        "minor.youth_language": terms(r"abg", r"masih sekolah", r"pelajar", r"di ?bawah umur", r"perawan",
                                      r"daun muda", r"baru 18", r"belia"),
        "minor.school_family": terms(r"sma", r"smp", r"pulang sekolah", r"seragam sekolah"),
        "minor.stated_age_under_18": terms(r"(?:cewek|abg|pelajar) (?:usia |umur )?1[0-7] ?(?:-|sampai) ?1[0-7]"),
        "general.off_platform_contact": terms(r"(?:hanya|cuma) (?:via )?(?:wa|whatsapp|telegram)",
                                              r"(?:hubungi|chat) (?:via )?wa"),
        "general.urgency_pressure": terms(r"segera berangkat", r"cepat berangkat", r"kuota terbatas",
                                          r"berangkat (?:minggu ini|segera)", r"butuh cepat"),
        "general.phone_confiscation": terms(
            r"(?:majikan|agen|perusahaan|pt|sponsor) ~2 (?:menahan|menyimpan|memegang|mengambil|menyita) ~2 (?:"
            + "|".join(PHONES) + ")",
            near=(Near(PHONES, (r"ditahan", r"disimpan", r"disita", r"diambil", r"dikumpulkan", r"dipegang"),
                       window=4),),
            negative=(r"tidak boleh (?:pakai|memakai|bawa|membawa|pegang) (?:hp|handphone|ponsel)",),
            unless=(r"loker", r"selama (?:jam kerja|shift|bekerja)", r"layar", r"casing", r"charger", r"dijual"),
        ),
        "labor.too_good_pay": terms(r"gaji (?:besar|tinggi|menggiurkan)", r"penghasilan (?:besar|tinggi)", r"uang mudah",
                                    r"\d{1,2} juta ?(?:per|/|se) ?bulan", r"rp ?\d{1,3} ?(?:jt|juta) ?(?:/|per) ?bulan"),
        "labor.no_experience": terms(negative=(r"tanpa pengalaman", r"tidak perlu pengalaman",
                                               r"tidak harus berpengalaman")),
        "labor.irregular_status": terms(
            r"visa (?:turis|kunjungan|wisata|umroh|ziarah)", r"jalur (?:belakang|tidak resmi|ilegal)",
            r"non[- ]?prosedural", r"unprosedural", r"dibayar tunai harian",
            negative=(r"tanpa dokumen", r"tanpa paspor", r"tanpa visa kerja", r"tidak perlu (?:dokumen|paspor|visa)"),
        ),
        "labor.recruitment_fees_debt": terms(
            r"biaya (?:penempatan|proses|pendaftaran|administrasi|pelatihan|medical|visa|keberangkatan|agensi)",
            r"(?:bayar|membayar) (?:biaya|uang) (?:pendaftaran|proses|di muka)", r"potong gaji (?:\d+ )?bulan",
            r"utang", r"hutang", r"(?:tiket|visa|biaya) ~3 (?:dipotong dari gaji|potong gaji|dicicil dari gaji)",
            near=(Near((r"utang", r"hutang", r"pinjaman", r"dana talangan", r"talangan"),
                       (r"potong gaji", r"dipotong", r"dicicil", r"dibayar dengan bekerja", r"dari gaji"), window=5),),
            unless=(r"ditanggung (?:majikan|perusahaan|pt)", r"kontrakan"),
        ),
        "labor.travel_arranged": terms(
            r"(?:tiket|visa|tempat tinggal|mess) (?:dan|\+|&) (?:visa|tiket|tempat tinggal|mess|makan)",
            r"semua (?:ditanggung|diurus|disediakan)", r"kami (?:urus|tanggung) semua", r"dijemput di bandara",
        ),
        "labor.document_retention": terms(
            r"(?:majikan|agen|perusahaan|pt|sponsor|kami) ~2 (?:menahan|menyimpan|memegang|mengambil|menyita) ~2 (?:"
            + "|".join(DOCUMENTS) + ")",
            near=(Near(DOCUMENTS, (r"ditahan", r"disimpan", r"dipegang (?:oleh )?(?:majikan|agen|perusahaan|pt|sponsor)",
                                   r"disita", r"dikumpulkan", r"diserahkan ke (?:majikan|agen|perusahaan)"), window=4),),
            unless=(r"fotokopi", r"salinan", r"scan", r"masih berlaku", r"perpanjang", r"kedutaan", r"konsulat", r"bawa",
                    r"membawa", r"hilang", r"ditemukan"),
        ),
        "labor.confinement": terms(
            r"dikurung", r"dikunci (?:dari luar|di dalam)", r"dilarang keluar", r"keluar (?:harus )?(?:didampingi|dikawal|dijaga)",
            r"dijaga ketat",
            negative=(r"tidak (?:boleh|bisa|diizinkan|diperbolehkan) (?:keluar|pergi|pulang)", r"tidak pernah keluar"),
            unless=(r"hewan", r"anak-anak", r"pasien"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:di|pada) (?:akhir|selesai) (?:kontrak|musim|panen|perjalanan)",
            r"gaji (?:ditahan|disimpan|dipegang) (?:oleh )?(?:majikan|agen|perusahaan)",
            r"gaji dibayar setelah (?:kontrak|musim|perjalanan) (?:selesai|berakhir)",
            near=(Near(WAGES, (r"ditahan", r"disimpan", r"ditunda", r"dipegang"), window=3),),
            unless=(r"bonus", r"tunjangan", r"thr", r"tiap bulan", r"setiap bulan", r"bulanan", r"mingguan"),
        ),
        "labor.wage_deductions": terms(near=(Near(LIVING_COSTS, (r"dipotong", r"potong gaji", r"potongan", r"dari gaji"),
                                                  window=4),)),
        "labor.excessive_hours": terms(
            r"(?:7|tujuh) hari (?:seminggu|dalam seminggu)", r"(?:1[4-9]|2[0-4]) jam (?:sehari|per hari|setiap hari)",
            r"kerja (?:1[4-9]|2[0-4]) jam",
            negative=(r"tanpa (?:hari )?libur", r"tidak ada (?:hari )?libur"),
        ),
        "labor.vague_employer": terms(r"perusahaan (?:besar|ternama|internasional)",
                                      r"(?:info|detail) (?:lengkap )?(?:via|lewat|hubungi|di) (?:wa|whatsapp|dm|inbox)"),
        "labor.appearance_restrictions": terms(
            r"(?:wanita|perempuan|cewek|gadis) (?:usia |umur )?\d{2} ?(?:-|s/d|sampai) ?\d{2}(?: tahun)?",
            r"berpenampilan menarik", r"cewek cantik", r"khusus wanita",
        ),
        "labor.work_abroad": terms(
            r"kerja (?:di )?(?:luar negeri|malaysia|hong ?kong|taiwan|arab saudi|saudi|jepang|korea|singapura|brunei|dubai|"
            r"timur tengah|eropa|polandia|kamboja)",
            r"lowongan (?:kerja )?luar negeri",
        ),
        "labor.talent_lure": terms(r"(?:foto|sesi) (?:pribadi|private) ~4 (?:cash|tunai)",
                                   r"(?:party|pesta|trip) (?:vip|kapal pesiar|yacht) ~3 (?:model|cewek)"),
    },
)
# fmt: on
