"""Invented bulletins in the styles of the monitors' daily reports, written by this team: each
incident is told once in Arabic and once in English (its twin), with the fields an extractor
must give. The villages are invented (the fixture gazetteer in conftest.py has them, two of
them twins of one name in different governorates); the people and events are invented too.

Expected fields: ``place`` is the gazetteer name, ``admin1`` its governorate, ``date`` a
(start, end) pair or None, ``killed`` (low, best, high), ``injured`` the best figure or None,
``perp`` a registry name or None, ``means`` the first means, ``type`` the ACLED event type,
``aggregates`` the death tolls kept apart from the events, ``events`` how many events at least.
A running total ("rose to 17") replaces the counts it supersedes; victims listed together
("two women and a child") add up.
"""

from __future__ import annotations

from datetime import date

D = date

BULLETINS: list[dict] = [
    # --- SNHR-style daily bulletins -------------------------------------------------------
    dict(id="b01", published=D(2019, 5, 14),
         ar="أعلنت الشبكة السورية لحقوق الإنسان مقتل 4 مدنيين، بينهم طفلان، أمس الإثنين، جراء "
            "قصف مدفعي لقوات النظام السوري على قرية كفر سالم بريف إدلب الجنوبي.",
         en="The Syrian Network for Human Rights said four civilians, two of them children, "
            "were killed on Monday when Syrian regime forces shelled the village of Kafr Salem "
            "in the southern Idlib countryside.",
         expect=dict(place="Kafr Salem", admin1="Idlib", date=(D(2019, 5, 13), D(2019, 5, 13)),
                     killed=(4, 4, 4), perp="Syrian government forces (2000-2024)",
                     means="shelling", type="Explosions/Remote violence",
                     attributed_by="Syrian Network for Human Rights", children=2)),
    dict(id="b02", published=D(2019, 5, 14),
         ar="قُتل مدنيان اثنان جراء قصف مدفعية النظام السوري على قرية كفر سالم بريف حماة "
            "الشمالي، يوم الأحد 12 أيار 2019.",
         en="Two civilians were killed when Syrian regime artillery shelled Kafr Salem in the "
            "northern Hama countryside on Sunday, 12 May 2019.",
         expect=dict(place="Kafr Salem", admin1="Hamah", date=(D(2019, 5, 12), D(2019, 5, 12)),
                     killed=(2, 2, 2), perp="Syrian government forces (2000-2024)",
                     means="shelling", type="Explosions/Remote violence")),
    dict(id="b03", published=D(2016, 8, 3),
         ar="وثقت الشبكة السورية لحقوق الإنسان مقتل 11 مدنياً، بينهم 3 أطفال وسيدتان، إثر غارات "
            "جوية شنتها طائرات حربية روسية على مدينة معرة الصفا في ريف محافظة إدلب، مساء "
            "الثلاثاء 2 آب 2016.",
         en="SNHR documented the killing of 11 civilians, including three children and two "
            "women, in air strikes by Russian warplanes on the town of Maarat al-Safa in Idlib "
            "province on the evening of Tuesday, 2 August 2016.",
         expect=dict(place="Maarat al-Safa", admin1="Idlib", date=(D(2016, 8, 2), D(2016, 8, 2)),
                     killed=(11, 11, 11), perp="Russian armed forces", means="air strike",
                     type="Explosions/Remote violence", children=3, women=2)),
    dict(id="b04", published=D(2017, 3, 22),
         ar="أعلنت الشبكة السورية لحقوق الإنسان مقتل 9 مدنيين في مناطق متفرقة من سورية أمس "
            "الثلاثاء، سقط 7 منهم جراء غارة لطيران التحالف الدولي على قرية دير البرج بريف "
            "دير الزور الشرقي.",
         en="SNHR said nine civilians were killed across Syria on Tuesday; seven of them died in "
            "a US-led coalition air strike on Deir al-Burj in the eastern Deir ez-Zor "
            "countryside.",
         expect=dict(place="Deir al-Burj", admin1="Dayr Az Zawr",
                     date=(D(2017, 3, 21), D(2017, 3, 21)), killed=(7, 7, 7),
                     perp="US-led coalition (Operation Inherent Resolve)", means="air strike",
                     type="Explosions/Remote violence", aggregates=[9])),
    dict(id="b05", published=D(2018, 2, 10),
         ar="قُتل طفلان من عائلة واحدة جراء انفجار لغم أرضي زرعه تنظيم داعش في قرية تل الورد "
            "بريف حلب الشرقي، قبل انسحابه منها.",
         en="Two children from one family were killed by a landmine that the Islamic State had "
            "planted in Tell al-Ward, east of Aleppo, before withdrawing.",
         expect=dict(place="Tell al-Ward", admin1="Aleppo", date=(D(2018, 2, 9), D(2018, 2, 10)),
                     killed=(2, 2, 2), perp="Islamic State", means="landmine",
                     type="Explosions/Remote violence")),
    dict(id="b06", published=D(2015, 11, 29),
         ar="قتل ٧ مدنيين بينهم ٣ نساء وأصيب ١٢ آخرون بجروح، في قصف بالبراميل المتفجرة ألقاها "
            "الطيران المروحي التابع للنظام على بلدة خربة النهر بريف حماة، يوم السبت ٢٨ تشرين "
            "الثاني ٢٠١٥.",
         en="Seven civilians, three of them women, were killed and 12 wounded when regime "
            "helicopters dropped barrel bombs on Khirbet al-Nahr in the Hama countryside on "
            "Saturday, 28 November 2015.",
         expect=dict(place="Khirbet al-Nahr", admin1="Hamah",
                     date=(D(2015, 11, 28), D(2015, 11, 28)), killed=(7, 7, 7), injured=12,
                     perp="Syrian Arab Air Force", means="barrel bomb",
                     type="Explosions/Remote violence", women=3)),
    # --- SOHR-style bulletins -------------------------------------------------------------
    dict(id="b07", published=D(2019, 6, 1),
         ar="استشهد 5 مواطنين بينهم طفل جراء قصف طائرات النظام الحربية على قرية عين الزيتون "
            "بريف اللاذقية الشمالي، بينما أصيب 8 آخرون بجراح متفاوتة.",
         en="Five civilians, among them a child, were killed when regime warplanes struck the "
            "village of Ain al-Zeitoun in the northern Latakia countryside; eight others were "
            "wounded.",
         expect=dict(place="Ain al-Zeitoun", admin1="Lattakia",
                     date=(D(2019, 5, 31), D(2019, 6, 1)),
                     killed=(5, 5, 5), injured=8, perp="Syrian Arab Air Force",
                     means="air strike", type="Explosions/Remote violence", children=1)),
    dict(id="b08", published=D(2019, 6, 2),
         ar="23 قضوا أمس في مناطق سورية مختلفة، ففي محافظة إدلب استشهد 6 مواطنين هم 4 "
            "مواطنات وطفلان جراء غارات طائرات النظام على بلدة معرة الصفا، و3 مواطنين جراء قصف "
            "صاروخي على قرية كفر سالم بريف إدلب الجنوبي.",
         en="23 people died across Syria yesterday. In Idlib province six civilians - four women "
            "and two children - were killed by regime air strikes on Maarat al-Safa, and three by "
            "rocket fire on Kafr Salem in the southern Idlib countryside.",
         expect=dict(place="Maarat al-Safa", admin1="Idlib", date=(D(2019, 6, 1), D(2019, 6, 1)),
                     killed=(6, 6, 6), perp="Syrian Arab Air Force", means="air strike",
                     type="Explosions/Remote violence", aggregates=[23], events=2,
                     second=dict(place="Kafr Salem", admin1="Idlib", killed=(3, 3, 3)))),
    dict(id="b09", published=D(2020, 1, 16),
         ar="لقي شابان حتفهما برصاص مسلحين مجهولين في قرية المزيرعة بريف درعا الغربي، مساء "
            "الأربعاء، وفق ما أفاد المرصد السوري لحقوق الإنسان.",
         en="Two young men were shot dead by unidentified gunmen in al-Mzeiraa in the western "
            "Daraa countryside on Wednesday evening, the Syrian Observatory for Human Rights "
            "said.",
         expect=dict(place="Al Mzeiraa", admin1="Dar`a", date=(D(2020, 1, 15), D(2020, 1, 15)),
                     killed=(2, 2, 2), perp="Unidentified Armed Group (Syria)", means="gunfire",
                     type="Violence against civilians",
                     attributed_by="Syrian Observatory for Human Rights")),
    dict(id="b10", published=D(2017, 9, 9),
         ar="ارتفع عدد القتلى جراء الغارات الجوية على بلدة دير البرج إلى 17 شخصاً، بينهم 6 "
            "أطفال، بعد أن كان المرصد قد وثق صباحاً مقتل 9 أشخاص.",
         en="The death toll of the air strikes on Deir al-Burj rose to 17, six of them children; "
            "the Observatory had counted nine dead in the morning.",
         expect=dict(place="Deir al-Burj", admin1="Dayr Az Zawr",
                     date=(D(2017, 9, 8), D(2017, 9, 9)),
                     killed=(17, 17, 17), perp=None, means="air strike",
                     type="Explosions/Remote violence")),
    # --- local outlets ---------------------------------------------------------------------
    dict(id="b11", published=D(2021, 10, 21),
         ar="أثناء توجه الأطفال إلى مدارسهم.. مجزرة في كفر سالم\nلقي 8 مدنيين حتفهم وأصيب آخرون، "
            "صباح أمس الأربعاء، نتيجة قصف مدفعي عنيف استهدفت به قوات النظام سوق بلدة كفر سالم "
            "جنوبي إدلب.",
         en="A massacre in Kafr Salem as children walked to school\nEight civilians were killed "
            "and others wounded on Wednesday morning when regime forces shelled the market of "
            "Kafr Salem, south of Idlib.",
         expect=dict(place="Kafr Salem", admin1="Idlib", date=(D(2021, 10, 20), D(2021, 10, 20)),
                     killed=(8, 8, 8), perp="Syrian government forces (2000-2024)",
                     means="shelling", type="Explosions/Remote violence")),
    dict(id="b12", published=None,
         ar="نشر بتاريخ: ١٤ شباط ٢٠٢٣\nقتل ثلاثة أشخاص وجرح خمسة آخرون بانفجار سيارة مفخخة "
            "في مدينة تل الورد شرقي حلب، اليوم الثلاثاء.",
         en="Published 14 February 2023\nThree people were killed and five wounded by a car bomb "
            "in the town of Tell al-Ward, east of Aleppo, on Tuesday.",
         expect=dict(place="Tell al-Ward", admin1="Aleppo", date=(D(2023, 2, 14), D(2023, 2, 14)),
                     killed=(3, 3, 3), injured=5, perp=None, means="vehicle bomb",
                     type="Explosions/Remote violence")),
    dict(id="b13", published=D(2024, 3, 15),
         ar="قُتل 12 شخصاً على الأقل، غالبيتهم من جامعي الكمأة، في هجوم شنه مسلحون يعتقد أنهم "
            "من عناصر تنظيم الدولة في بادية قرية دير البرج بريف دير الزور، يوم الخميس.",
         en="At least 12 people, most of them truffle gatherers, were killed on Thursday in an "
            "attack by gunmen believed to belong to the Islamic State near Deir al-Burj in the "
            "Deir ez-Zor countryside.",
         expect=dict(place="Deir al-Burj", admin1="Dayr Az Zawr",
                     date=(D(2024, 3, 14), D(2024, 3, 14)), killed=(12, 12, None),
                     perp="Islamic State", means="unknown", type="Violence against civilians")),
    dict(id="b14", published=D(2025, 3, 26),
         ar="استشهد خمسة مدنيين جراء قصف مدفعي إسرائيلي استهدف بلدة المزيرعة بريف درعا "
            "الغربي، بعد توغل دبابات الاحتلال في محيطها.",
         en="Five civilians were killed by Israeli artillery fire on al-Mzeiraa in the western "
            "Daraa countryside after Israeli tanks pushed into its outskirts.",
         expect=dict(place="Al Mzeiraa", admin1="Dar`a", date=(D(2025, 3, 25), D(2025, 3, 26)),
                     killed=(5, 5, 5), perp="Israel Defense Forces", means="shelling",
                     type="Explosions/Remote violence")),
    dict(id="b15", published=D(2025, 4, 30),
         ar="قالت وزارة الداخلية السورية إن فلول النظام السابق هاجموا حاجزاً للأمن العام عند "
            "مدخل بلدة بيت نعيم في ريف دمشق، ما أدى إلى مقتل عنصرين.",
         en="The Syrian Interior Ministry said remnants of the former regime attacked a General "
            "Security checkpoint at the entrance of Beit Naim in Rural Damascus, killing two "
            "members.",
         expect=dict(place="Beit Naim", admin1="Rif Dimashq", date=(D(2025, 4, 29), D(2025, 4, 30)),
                     killed=(2, 2, 2), perp="Former Assad government loyalists (2024-)",
                     means="unknown", type="Violence against civilians",
                     attributed_by="the Syrian Interior Ministry")),
    dict(id="b16", published=D(2018, 6, 7),
         ar="الحي الشرقي لمدينة السنديانة يتعرض لغارات روسية\nقتل 4 مدنيين بينهم امرأة، في غارتين "
            "شنتهما مقاتلات روسية على مدينة السنديانة بريف حمص الشمالي، أمس الأربعاء.",
         en="Russian strikes hit al-Sindiyana\nFour civilians including a woman were killed "
            "on Wednesday in two strikes by Russian jets on the town of al-Sindiyana in the "
            "northern Homs countryside.",
         expect=dict(place="As Sindiyana", admin1="Homs (Hims)",
                     date=(D(2018, 6, 6), D(2018, 6, 6)), killed=(4, 4, 4),
                     perp="Russian armed forces", means="air strike",
                     type="Explosions/Remote violence", women=1)),
    # --- government and state media ------------------------------------------------------
    dict(id="b17", published=D(2021, 10, 20),
         ar="ارتقى أربعة عشر شهيداً وأصيب ثلاثة آخرون جراء تفجير إرهابي بعبوتين ناسفتين "
            "استهدف حافلة ركاب في حي الروضة بمدينة حلب صباح اليوم الأربعاء.",
         en="Fourteen people were killed and three wounded when two bombs planted by terrorists "
            "hit a passenger bus in the al-Rawda neighbourhood of Aleppo on Wednesday morning.",
         expect=dict(place="Al Rawda", admin1="Aleppo", date=(D(2021, 10, 20), D(2021, 10, 20)),
                     killed=(14, 14, 14), injured=3, perp=None, means="explosive device",
                     type="Explosions/Remote violence")),
    dict(id="b18", published=D(2012, 6, 8),
         ar="بث التلفزيون السوري مقابلات قال فيها سكان إن مجموعات إرهابية مسلحة هاجمت قرية "
            "خربة النهر بريف حماة يوم الأربعاء وقتلت 20 شخصاً.",
         en="State television aired interviews in which residents said armed terrorist groups "
            "attacked Khirbet al-Nahr in the Hama countryside on Wednesday and killed 20 people.",
         expect=dict(place="Khirbet al-Nahr", admin1="Hamah", date=(D(2012, 6, 6), D(2012, 6, 6)),
                     killed=(20, 20, 20), perp=None, means="unknown",
                     type="Violence against civilians")),
    # --- dates in other forms --------------------------------------------------------------
    dict(id="b19", published=None,
         ar="في 12 تموز/يوليو 2012 اقتحمت قوات النظام قرية السنديانة بريف حمص وارتكبت مجزرة "
            "راح ضحيتها ما لا يقل عن 35 مدنياً، بينهم 9 أطفال.",
         en="On 12 July 2012 regime forces stormed al-Sindiyana in the Homs countryside and "
            "committed a massacre that killed at least 35 civilians, nine of them children.",
         expect=dict(place="As Sindiyana", admin1="Homs (Hims)",
                     date=(D(2012, 7, 12), D(2012, 7, 12)), killed=(35, 35, None),
                     perp="Syrian government forces (2000-2024)", means="unknown",
                     type="Violence against civilians", children=9)),
    dict(id="b20", published=None,
         ar="الثلاثاء 2017/11/14\n\nقتل 21 مدنياً وجرح العشرات بغارات جوية روسية استهدفت السوق "
            "الرئيسي في بلدة معرة الصفا بريف إدلب، أمس الإثنين.",
         en="Tuesday, 14 November 2017\n\n21 civilians were killed and dozens wounded on "
            "Monday in Russian air strikes on the main market of Maarat al-Safa in the Idlib "
            "countryside.",
         expect=dict(place="Maarat al-Safa", admin1="Idlib",
                     date=(D(2017, 11, 13), D(2017, 11, 13)), killed=(21, 21, 21),
                     perp="Russian armed forces", means="air strike",
                     type="Explosions/Remote violence")),
    dict(id="b21", published=None,
         ar="قتل مدنيان في قصف على قرية تل الورد شرقي حلب، في الثالث من رمضان 1439 هـ.",
         en="Two civilians were killed by shelling on Tell al-Ward, east of Aleppo, on the "
            "third of Ramadan 1439 (18 May 2018).",
         expect=dict(place="Tell al-Ward", admin1="Aleppo", date=(D(2018, 5, 18), D(2018, 5, 18)),
                     killed=(2, 2, 2), perp=None, means="shelling",
                     type="Explosions/Remote violence")),
    dict(id="b22", published=D(2013, 5, 3),
         ar="أكثر من مئة أعدموا ميدانياً في قرية عين الزيتون بريف اللاذقية على يد قوات الأسد "
            "وميليشيات الشبيحة، بحسب ناشطين.",
         en="More than a hundred people were summarily executed in Ain al-Zeitoun in the Latakia "
            "countryside by Assad's forces and Shabiha militias, activists said.",
         expect=dict(place="Ain al-Zeitoun", admin1="Lattakia", date=(D(2013, 5, 2), D(2013, 5, 3)),
                     killed=(100, 100, None), perp="Syrian government forces (2000-2024)",
                     means="execution", type="Violence against civilians",
                     attributed_by="activists")),
    dict(id="b23", published=D(2016, 4, 28),
         ar="قتل 30 شخصاً، بينهم ثلاثة أطباء، جراء استهداف طائرات النظام السوري مستشفى ميدانياً "
            "في حي الروضة بمدينة حلب مساء الأربعاء. ونفى النظام السوري استهداف المستشفى.",
         en="Thirty people, three of them doctors, were killed when Syrian regime aircraft hit a "
            "field hospital in the al-Rawda neighbourhood of Aleppo on Wednesday evening. The "
            "Syrian government denied striking the hospital.",
         expect=dict(place="Al Rawda", admin1="Aleppo", date=(D(2016, 4, 27), D(2016, 4, 27)),
                     killed=(30, 30, 30), perp="Syrian Arab Air Force", means="air strike",
                     type="Explosions/Remote violence", claims=1)),
    # --- numbers in words, duals, vague quantities ----------------------------------------
    dict(id="b24", published=D(2014, 9, 24),
         ar="قُتل واحد وستون شخصاً وجرح نحو مئة في غارات للتحالف الدولي على بلدة دير البرج.",
         en="Sixty-one people were killed and about a hundred wounded in US-led coalition air "
            "strikes on Deir al-Burj.",
         expect=dict(place="Deir al-Burj", admin1="Dayr Az Zawr",
                     date=(D(2014, 9, 23), D(2014, 9, 24)), killed=(61, 61, 61), injured=100,
                     perp="US-led coalition (Operation Inherent Resolve)", means="air strike",
                     type="Explosions/Remote violence")),
    dict(id="b25", published=D(2014, 2, 2),
         ar="لقيت امرأتان وطفل حتفهم بسقوط قذائف هاون على حي الروضة في مدينة حلب.",
         en="Two women and a child were killed when mortar shells fell on the al-Rawda "
            "neighbourhood of Aleppo.",
         expect=dict(place="Al Rawda", admin1="Aleppo", date=(D(2014, 2, 1), D(2014, 2, 2)),
                     killed=(3, 3, 3), perp=None, means="shelling",
                     type="Explosions/Remote violence")),
    dict(id="b26", published=D(2013, 8, 22),
         ar="قتل عشرات المدنيين اختناقاً جراء قصف بصواريخ محملة بغازات سامة على بلدة بيت نعيم "
            "في ريف دمشق، واتهم ناشطون قوات النظام بتنفيذ الهجوم.",
         en="Dozens of civilians suffocated when rockets loaded with toxic gas hit Beit Naim in "
            "Rural Damascus; activists accused regime forces of the attack.",
         expect=dict(place="Beit Naim", admin1="Rif Dimashq",
                     date=(D(2013, 8, 21), D(2013, 8, 22)), killed=(12, 12, None),
                     perp="Syrian government forces (2000-2024)", means="chemical",
                     type="Explosions/Remote violence")),
    dict(id="b27", published=D(2015, 3, 5),
         ar="قتل ثلاثة عناصر من قوات النظام في اشتباكات مع فصائل المعارضة على أطراف قرية كفر "
            "سالم بريف حماة.",
         en="Three regime soldiers were killed in clashes with opposition factions on the "
            "outskirts of Kafr Salem in the Hama countryside.",
         expect=dict(place="Kafr Salem", admin1="Hamah", date=(D(2015, 3, 4), D(2015, 3, 5)),
                     killed=(3, 3, 3), perp="Syrian armed opposition (unspecified)",
                     means="unknown", type="Battles")),
    dict(id="b28", published=D(2024, 12, 20),
         ar="عثر الأهالي على جثث ستة شبان مقتولين بالرصاص قرب قرية عين الزيتون بريف اللاذقية، "
            "وسط اتهامات لمسلحين مجهولين.",
         en="Residents found the bodies of six young men shot dead near Ain al-Zeitoun in the "
            "Latakia countryside; unidentified gunmen were blamed.",
         expect=dict(place="Ain al-Zeitoun", admin1="Lattakia",
                     date=(D(2024, 12, 19), D(2024, 12, 20)), killed=(6, 6, 6),
                     perp="Unidentified Armed Group (Syria)", means="gunfire",
                     type="Violence against civilians")),
    # --- several incidents and aggregates -------------------------------------------------
    dict(id="b29", published=D(2018, 3, 1),
         ar="قتل 84 مدنياً خلال الأيام الستة الماضية في محافظة حلب. وفي أحدث الهجمات قتل 7 "
            "مدنيين بغارة جوية على قرية تل الورد، بينما قتل شخصان بقصف على حي الروضة.",
         en="84 civilians were killed in Aleppo province over the past six days. In the latest "
            "attacks seven civilians died in an air strike on Tell al-Ward and two people in "
            "shelling on the al-Rawda neighbourhood.",
         expect=dict(place="Tell al-Ward", admin1="Aleppo", date=(D(2018, 2, 28), D(2018, 3, 1)),
                     killed=(7, 7, 7), perp=None, means="air strike",
                     type="Explosions/Remote violence", aggregates=[84], events=2,
                     second=dict(place="Al Rawda", admin1="Aleppo", killed=(2, 2, 2)))),
    dict(id="b30", published=D(2021, 10, 18),
         ar="قتل 4 أشخاص بقصف لقوات النظام على قرية معرة الصفا يوم السبت (16/10/2021)، كما "
            "قصفت قوات النظام قرية كفر سالم بريف إدلب دون تسجيل إصابات.",
         en="Four people were killed in regime shelling on Maarat al-Safa on Saturday, 16 "
            "October 2021; regime forces also shelled Kafr Salem in the Idlib countryside, "
            "causing no casualties.",
         expect=dict(place="Maarat al-Safa", admin1="Idlib",
                     date=(D(2021, 10, 16), D(2021, 10, 16)), killed=(4, 4, 4),
                     perp="Syrian government forces (2000-2024)", means="shelling",
                     type="Explosions/Remote violence", events=2)),
    # --- claims, witnesses ----------------------------------------------------------------
    dict(id="b31", published=D(2025, 6, 23),
         ar="أقدم انتحاري يتبع لتنظيم داعش على تفجير نفسه داخل كنيسة في حي الروضة بمدينة حلب، "
            "ما أدى إلى مقتل 13 شخصاً وإصابة 40 آخرين، وفق ما ذكرت وزارة الصحة السورية.",
         en="A suicide bomber of the Islamic State blew himself up inside a church in the al-Rawda "
            "neighbourhood of Aleppo, killing 13 people and wounding 40, the Syrian Health "
            "Ministry said.",
         expect=dict(place="Al Rawda", admin1="Aleppo", date=(D(2025, 6, 22), D(2025, 6, 23)),
                     killed=(13, 13, 13), injured=40, perp="Islamic State",
                     means="suicide bombing", type="Explosions/Remote violence",
                     attributed_by="the Syrian Health Ministry")),
    dict(id="b32", published=D(2019, 7, 4),
         ar="قال شاهد عيان يدعى سامر الخطيب: \"سقطت القذيفة الثانية على طابور الخبز\"، بعد أن "
            "قتل 6 مدنيين بقصف مدفعي على سوق قرية المزيرعة بريف درعا.",
         en="An eyewitness named Samer al-Khatib said: \"The second shell fell on the bread "
            "queue\", after six civilians were killed by artillery fire on the market of "
            "al-Mzeiraa in the Daraa countryside.",
         expect=dict(place="Al Mzeiraa", admin1="Dar`a", date=(D(2019, 7, 3), D(2019, 7, 4)),
                     killed=(6, 6, 6), perp=None, means="shelling",
                     type="Explosions/Remote violence", witness="سامر الخطيب")),
    dict(id="b33", published=D(2019, 7, 5),
         ar="وقال عمر النجار، أحد الناجين، إن الطائرات عادت بعد ساعة وقصفت المسعفين، بعد غارة "
            "قتلت 9 أشخاص في قرية السنديانة بريف حمص.",
         en="Omar al-Najjar, one of the survivors, said the jets came back an hour later and "
            "hit the rescuers, after a strike that killed nine people in al-Sindiyana in the "
            "Homs countryside.",
         expect=dict(place="As Sindiyana", admin1="Homs (Hims)",
                     date=(D(2019, 7, 4), D(2019, 7, 5)),
                     killed=(9, 9, 9), perp=None, means="air strike",
                     type="Explosions/Remote violence", witness="عمر النجار")),
    # --- clitics and spellings --------------------------------------------------------------
    dict(id="b34", published=D(2020, 2, 11),
         ar="وبكفر سالم جنوبي إدلب قتل ثلاثة مدنيين بقصف صاروخي لقوات النظام.",
         en="In Kafr Salem, south of Idlib, three civilians were killed by regime rocket fire.",
         expect=dict(place="Kafr Salem", admin1="Idlib", date=(D(2020, 2, 10), D(2020, 2, 11)),
                     killed=(3, 3, 3), perp="Syrian government forces (2000-2024)",
                     means="missile", type="Explosions/Remote violence")),
    dict(id="b35", published=D(2020, 2, 12),
         ar="قُتِلَ خَمْسَةُ مَدَنِيِّينَ في غارةٍ روسيةٍ على تلّ الورد بريف حلب.",
         en="Five civilians were killed in a Russian air strike on Tell al-Ward in the Aleppo "
            "countryside.",
         expect=dict(place="Tell al-Ward", admin1="Aleppo", date=(D(2020, 2, 11), D(2020, 2, 12)),
                     killed=(5, 5, 5), perp="Russian armed forces", means="air strike",
                     type="Explosions/Remote violence")),
    dict(id="b36", published=D(2016, 9, 20),
         ar="مقتل ١٥ شخصاً بقصف للطيران الحربي على مدينة إدلب، وفق الدفاع المدني السوري.",
         en="Fifteen people were killed when warplanes bombed the city of Idlib, Syria Civil "
            "Defence said.",
         expect=dict(place="Idlib", admin1="Idlib", date=(D(2016, 9, 19), D(2016, 9, 20)),
                     killed=(15, 15, 15), perp=None, means="air strike",
                     type="Explosions/Remote violence",
                     attributed_by="Syria Civil Defence (White Helmets)")),
    dict(id="b37", published=D(2017, 4, 5),
         ar="قصفت طائرات حربية روسية مدينة معرة الصفا، ما أدى لمقتل 10 مدنيين، واتهم الدفاع "
            "المدني الاحتلال الروسي بالمجزرة.",
         en="Russian warplanes bombed Maarat al-Safa, killing ten civilians; the Civil Defence "
            "accused the Russian occupation of the massacre.",
         expect=dict(place="Maarat al-Safa", admin1="Idlib", date=(D(2017, 4, 4), D(2017, 4, 5)),
                     killed=(10, 10, 10), perp="Russian armed forces", means="air strike",
                     type="Explosions/Remote violence")),
    dict(id="b38", published=D(2023, 11, 30),
         ar="استشهد 3 مدنيين بغارة للاحتلال على أطراف بلدة بيت نعيم في ريف دمشق.",
         en="Three civilians were killed in an Israeli strike on the outskirts of Beit Naim in "
            "Rural Damascus.",
         expect=dict(place="Beit Naim", admin1="Rif Dimashq",
                     date=(D(2023, 11, 29), D(2023, 11, 30)), killed=(3, 3, 3),
                     perp="Israel Defense Forces", means="air strike",
                     type="Explosions/Remote violence")),
    dict(id="b39", published=D(2022, 8, 10),
         ar="سقوط ضحايا في قصف تركي على قرية دير البرج بريف دير الزور.",
         en="Casualties in Turkish shelling on Deir al-Burj in the Deir ez-Zor countryside.",
         expect=dict(place="Deir al-Burj", admin1="Dayr Az Zawr",
                     date=(D(2022, 8, 9), D(2022, 8, 10)),
                     killed=None, perp="Turkish Armed Forces", means="shelling",
                     type="Explosions/Remote violence")),
    dict(id="b40", published=D(2019, 3, 9),
         ar="أصيب 7 أشخاص بجروح متفاوتة، بينهم طفلتان، جراء قصف قوات النظام بلدة خربة النهر "
            "بريف حماة الشمالي.",
         en="Seven people, two girls among them, were wounded when regime forces shelled Khirbet "
            "al-Nahr in the northern Hama countryside.",
         expect=dict(place="Khirbet al-Nahr", admin1="Hamah", date=(D(2019, 3, 8), D(2019, 3, 9)),
                     killed=None, injured=7, perp="Syrian government forces (2000-2024)",
                     means="shelling", type="Explosions/Remote violence")),
    # --- more styles: VDC, post-2024 coast, Sweida, abduction, Eastern-digit datelines -------
    dict(id="b41", published=None,
         ar="٢٠١٥/١١/٢٨\nوثق مركز توثيق الانتهاكات مقتل 6 مدنيين جراء قصف بالبراميل المتفجرة على "
            "بلدة خربة النهر في ريف حماة، أمس الجمعة.",
         en="28 November 2015\nThe Violations Documentation Center recorded six civilians "
            "killed by barrel bombs dropped on Khirbet al-Nahr in the Hama countryside on "
            "Friday.",
         expect=dict(place="Khirbet al-Nahr", admin1="Hamah",
                     date=(D(2015, 11, 27), D(2015, 11, 27)), killed=(6, 6, 6), perp=None,
                     means="barrel bomb", type="Explosions/Remote violence",
                     attributed_by=None)),
    dict(id="b42", published=D(2025, 3, 8),
         ar="قتل 15 مدنياً من الطائفة العلوية، بينهم أربعة أطفال، على يد مسلحين مجهولين "
            "اقتحموا قرية عين الزيتون بريف اللاذقية أمس الجمعة، بحسب المرصد السوري.",
         en="Fifteen Alawite civilians, four of them children, were killed by unidentified "
            "gunmen who stormed Ain al-Zeitoun in the Latakia countryside on Friday, the Syrian "
            "Observatory said.",
         expect=dict(place="Ain al-Zeitoun", admin1="Lattakia", date=(D(2025, 3, 7), D(2025, 3, 7)),
                     killed=(15, 15, 15), perp="Unidentified Armed Group (Syria)",
                     means="unknown", type="Violence against civilians", children=4,
                     identity="Alawite")),
    dict(id="b43", published=D(2025, 7, 16),
         ar="لقي سبعة مدنيين دروز حتفهم، الليلة الماضية، برصاص مسلحين على طريق بلدة المزيرعة "
            "بريف درعا الشرقي، وفق ما أفادت شبكة محلية.",
         en="Seven Druze civilians were shot dead last night by gunmen on the road to "
            "al-Mzeiraa in the eastern Daraa countryside, a local network said.",
         expect=dict(place="Al Mzeiraa", admin1="Dar`a", date=(D(2025, 7, 15), D(2025, 7, 15)),
                     killed=(7, 7, 7), perp="Unidentified Armed Group (Syria)",
                     means="gunfire", type="Violence against civilians", identity="Druze")),
    dict(id="b44", published=D(2020, 9, 2),
         ar="اختطف مسلحون ملثمون طبيباً من عيادته في بلدة معرة الصفا بريف إدلب، صباح اليوم، "
            "واقتادوه إلى جهة مجهولة.",
         en="Masked gunmen abducted a doctor from his clinic in Maarat al-Safa in the Idlib "
            "countryside this morning and took him to an unknown place.",
         expect=dict(place="Maarat al-Safa", admin1="Idlib", date=(D(2020, 9, 2), D(2020, 9, 2)),
                     killed=None, perp="Unidentified Armed Group (Syria)", means="unknown",
                     type="Violence against civilians")),
    dict(id="b45", published=D(2016, 7, 20),
         ar="ارتفعت حصيلة ضحايا القصف الجوي على بلدة تل الورد إلى 28 قتيلاً، بينهم 11 طفلاً، "
            "فيما لا يزال عشرات الجرحى في المشافي الميدانية.",
         en="The toll of the air raids on Tell al-Ward rose to 28 dead, eleven of them children, "
            "while dozens of wounded remain in field hospitals.",
         expect=dict(place="Tell al-Ward", admin1="Aleppo", date=(D(2016, 7, 19), D(2016, 7, 20)),
                     killed=(28, 28, 28), injured=12, perp=None, means="air strike",
                     type="Explosions/Remote violence", children=11)),
    dict(id="b46", published=D(2017, 6, 12),
         ar="قتل 5 مدنيين في قصف مدفعي لقوات سوريا الديمقراطية (قسد) على قرية دير البرج، "
            "واتهمت مصادر محلية قسد بتعمد استهداف منازل المدنيين.",
         en="Five civilians were killed by artillery fire from the Syrian Democratic Forces on "
            "Deir al-Burj; local sources accused the SDF of deliberately targeting homes.",
         expect=dict(place="Deir al-Burj", admin1="Dayr Az Zawr",
                     date=(D(2017, 6, 11), D(2017, 6, 12)), killed=(5, 5, 5),
                     perp="Syrian Democratic Forces", means="shelling",
                     type="Explosions/Remote violence")),
    dict(id="b47", published=D(2014, 1, 30),
         ar="تحت التعذيب.. وثقت الشبكة السورية لحقوق الإنسان وفاة شاب من بلدة بيت نعيم في ريف "
            "دمشق داخل أحد أفرع الأمن التابعة للنظام.",
         en="Under torture: SNHR documented the death of a young man from Beit Naim in Rural "
            "Damascus inside a regime security branch.",
         expect=dict(place="Beit Naim", admin1="Rif Dimashq", date=(D(2014, 1, 29), D(2014, 1, 30)),
                     killed=(1, 1, 1), perp="Syrian government (2000-2024)", means="torture",
                     type="Violence against civilians")),
    dict(id="b48", published=D(2023, 10, 6),
         ar="قصفت طائرات مسيّرة تركية سيارة مدنية قرب قرية تل الورد بريف حلب الشرقي، ما أدى "
            "لمقتل ثلاثة أشخاص كانوا بداخلها.",
         en="Turkish drones struck a civilian car near Tell al-Ward in the eastern Aleppo "
            "countryside, killing the three people inside.",
         expect=dict(place="Tell al-Ward", admin1="Aleppo", date=(D(2023, 10, 5), D(2023, 10, 6)),
                     killed=(3, 3, 3), perp="Turkish Armed Forces", means="drone strike",
                     type="Explosions/Remote violence")),
    dict(id="b49", published=D(2012, 8, 26),
         ar="عثر على جثث أكثر من 300 شخص في بلدة بيت نعيم بريف دمشق بعد اقتحامها من قبل "
            "قوات النظام، وقال ناشطون إن معظم الضحايا أعدموا ميدانياً.",
         en="The bodies of more than 300 people were found in Beit Naim in Rural Damascus after "
            "regime forces stormed it; activists said most of the victims were executed.",
         expect=dict(place="Beit Naim", admin1="Rif Dimashq",
                     date=(D(2012, 8, 25), D(2012, 8, 26)), killed=(300, 300, None),
                     perp="Syrian government forces (2000-2024)", means="execution",
                     type="Violence against civilians")),
    dict(id="b50", published=D(2019, 4, 11),
         ar="أصيب مدنيان بجروح وقتل طفل جراء سقوط قذيفة هاون على حي الروضة في مدينة حلب، "
            "واتهمت وكالة سانا فصائل المعارضة بإطلاقها.",
         en="A child was killed and two civilians wounded when a mortar shell fell on the al-Rawda "
            "neighbourhood of Aleppo; the state agency SANA blamed opposition factions.",
         expect=dict(place="Al Rawda", admin1="Aleppo", date=(D(2019, 4, 10), D(2019, 4, 11)),
                     killed=(1, 1, 1), injured=2, perp="Syrian armed opposition (unspecified)",
                     means="shelling", type="Explosions/Remote violence",
                     attributed_by="Syrian Arab News Agency (SANA)")),
]
