"""Source text of the dateline demo corpus.

Every article below was written by the dateline team in its own words about real,
publicly reported events in Iraq and Syria (2016-2017). The outlets and bylines are
fictional and every URL uses the reserved `.example` top-level domain. Real, named
people are only ever paraphrased; the direct quotes come from unnamed, composite
voices ("a resident of ...") and are illustrative.

`build_corpus.py` turns this list into the files under `corpus/`, the pages under
`warc_pages/` (packed by `make_warc.py`) and `manifest.json`.

Fields:
    key        internal id (used by wire copies to point at their original)
    fmt        txt | jsonl | csv | html | warc | rss
    slug       file-name stem (txt, html, warc)
    date       publication date, YYYY-MM-DD
    time       publication time (UTC), HH:MM
    outlet     fictional outlet name
    author     fictional byline
    title      headline
    url        canonical URL on a .example domain (None for txt: that format has no URL)
    topic      short topic slug
    summary    one-sentence summary (RSS <description>, HTML meta description)
    body       paragraphs separated by blank lines
    copy_of    key of the wire original, for near-verbatim wire copies
    crawl      WARC-Date for pages in the WARC archive (crawled after publication)
"""

OUTLETS = {
    "Tigris Wire": "https://tigriswire.example",
    "Levant Ledger": "https://levantledger.example",
    "Euphrates Times": "https://euphratestimes.example",
    "Desert Dispatch": "https://desertdispatch.example",
    "Northern Front Daily": "https://northernfrontdaily.example",
    "Gulf Monitor Weekly": "https://gulfmonitorweekly.example",
    "Anbar Courier": "https://anbarcourier.example",
}

ARTICLES = [
    # ------------------------------------------------------------------ TXT (seed format)
    dict(
        key="ac-ramadi-un", fmt="txt", slug="001_ramadi-un-damage-assessment",
        date="2016-03-04", time="10:30", outlet="Anbar Courier", author="Omar Fadhil",
        title="UN assessment finds Ramadi the worst-damaged city retaken from Islamic State",
        url=None, topic="ramadi-aftermath",
        body="""
A United Nations assessment team that spent two days in Ramadi this week has concluded that the damage to the Anbar provincial capital is more severe than in any other Iraqi city retaken from Islamic State militants so far.

Iraqi forces declared Ramadi recaptured at the end of December after months of fighting, but large parts of the city remain uninhabitable. Lise Grande, the UN humanitarian coordinator for Iraq, said the destruction was worse than anything her teams had seen elsewhere in the country, and that it was too early to say how long rebuilding would take or what it would cost.

According to the team, almost every building along the former front lines was damaged or destroyed. In other neighbourhoods roughly one building in three or four was affected. The main hospital and the railway station are in ruins, and local officials told the visitors that 64 bridges had been knocked out, along with much of the electricity network.

A UN analysis of satellite images published last month counted close to 5,700 damaged structures in Ramadi and its outskirts since mid-2014, nearly 2,000 of them completely destroyed.

The bigger obstacle to returns, officials say, is what the militants left behind. Streets and houses are laced with explosives, and clearance teams are working block by block.

"People call me every day asking when they can go back," said a municipal engineer in the city, who asked not to be named. "I tell them the truth: not before the bombs are out of the walls."

Some displaced families have drifted back to the western edges of the city despite the warnings. Islamic State fighters still hold pockets on the northern and eastern outskirts, and the government in Baghdad is appealing to foreign donors to help pay for reconstruction.
""",
    ),
    dict(
        key="ac-hit", fmt="txt", slug="002_hit-declared-liberated",
        date="2016-04-14", time="15:10", outlet="Anbar Courier", author="Omar Fadhil",
        title="Iraqi counter-terrorism forces declare Hit cleared of Islamic State",
        url=None, topic="hit",
        body="""
Iraq's Counter-Terrorism Service said on Thursday that the town of Hit, on the Euphrates in western Anbar province, had been completely cleared of Islamic State fighters after about a month of fighting.

The Joint Operations Command confirmed the announcement in a statement. Government troops raised the Iraqi flag over the town's main government building on Monday, but clearing operations continued in several neighbourhoods until this week.

Lt. Gen. Abdul Ghani al-Assadi, who commands the counter-terrorism forces, told reporters earlier in the week that more than 11,000 residents had been evacuated during the operation and that surviving militants were escaping across the river. He did not give casualty figures for his own troops.

Hit, roughly 145 kilometres west of Baghdad, fell to the militants in October 2014. The push to retake it began in mid-March, after the recapture of Ramadi, but was slowed by roadside bombs and car bombs, and by the temporary transfer of some units to the capital during a sit-in by followers of the cleric Moqtada al-Sadr.

The US-led coalition supported the advance with air strikes. Its spokesman, Col. Steve Warren, said this week that the group had now lost more than 40 percent of the territory it once controlled.

"We left with nothing but the clothes on our backs," said a man from Hit now staying with his family in a school in Ramadi. "I want to know if our house is still standing before I take the children back."

Provincial officials said electricity and water would have to be restored and explosives removed before residents could begin returning. Attention is now expected to turn to the militant-held areas further west along the Euphrates, towards the Syrian border.
""",
    ),
    dict(
        key="dd-fallujah-launch", fmt="txt", slug="003_fallujah-operation-launched",
        date="2016-05-23", time="07:45", outlet="Desert Dispatch", author="Layla Mansour",
        title="Iraq launches operation to retake Fallujah",
        url=None, topic="fallujah",
        body="""
Prime Minister Haider al-Abadi announced late on Sunday the start of a military operation to recapture Fallujah, the city about 50 kilometres west of Baghdad that has been under Islamic State control since January 2014.

Appearing on state television surrounded by commanders, Abadi said the moment had come to liberate the city and that the Iraqi flag would soon fly there again. Army units, the Counter-Terrorism Service, federal police, Sunni tribal fighters and the mostly Shia Popular Mobilisation forces are taking part, supported by air strikes from the US-led coalition.

Before the assault, the army told residents to leave through routes it said would be secured, and urged families who could not get out to hang white flags from their houses so that they could be identified as civilians.

Aid agencies say tens of thousands of people remain in the city, many of them short of food after months of siege, and that camps near Amiriyat al-Fallujah are already stretched.

"We can hear the shelling from here. My brother is still inside with his children," said a woman who reached a checkpoint south of the city last week. "Nobody tells us anything."

Sunni politicians in Anbar have voiced concern about the role of the Popular Mobilisation units in a mainly Sunni city, and government officials have indicated that the paramilitaries would stay on the outskirts while the army and counter-terrorism units go in.

Fallujah was the first Iraqi city to fall to the militants, months before their sweep through Mosul in June 2014, and has been used as a base for bombings in the capital.
""",
    ),
    dict(
        key="gmw-karrada-292", fmt="txt", slug="004_karrada-toll-rises-to-292",
        date="2016-07-07", time="13:20", outlet="Gulf Monitor Weekly", author="Hannah Brooks",
        title="Karrada bombing toll rises to 292, health ministry says",
        url=None, topic="karrada-bombing",
        body="""
Iraq's health ministry said on Thursday that the number of people killed in Sunday's bombing in Baghdad's Karrada district had risen to 292, making it the deadliest single attack in the capital in years.

Health Minister Adila Hamoud said in a statement that 177 of the dead had not yet been identified, and that forensic teams were working through the Eid holiday to match remains with DNA samples given by relatives. About 200 people were wounded, the ministry said.

A vehicle packed with explosives blew up in the early hours of 3 July on a busy shopping street where families were buying clothes and gifts ahead of Eid al-Fitr. Fire spread through nearby shopping centres and trapped many people inside. The Islamic State group said it carried out the attack.

The toll has climbed steadily since Sunday, as bodies were pulled from burned buildings and people first listed as missing were confirmed dead. Early counts on the day of the blast were well below 150.

Interior Minister Mohammed al-Ghabban submitted his resignation on Tuesday, citing poor coordination between the security agencies. Prime Minister Haider al-Abadi, whose convoy was pelted by angry residents when he visited the site, ordered the withdrawal of the hand-held bomb detectors used at checkpoints, which have long been denounced as useless.

"They searched my car with that stick every day for years," said a shop owner whose store on the street was gutted. "What did it ever find?"

The government declared three days of national mourning. Relatives have gathered outside the forensic institute in Baghdad demanding faster identification.
""",
    ),
    dict(
        key="nfd-mishraq", fmt="txt", slug="005_mishraq-sulphur-plant-fire",
        date="2016-10-22", time="16:05", outlet="Northern Front Daily", author="Rana Aziz",
        title="Toxic smoke from torched sulphur plant sickens hundreds near Qayyarah",
        url=None, topic="qayyarah",
        body="""
Toxic fumes from a sulphur plant set on fire by Islamic State militants south of Mosul have killed two civilians and left hundreds of people struggling to breathe, Iraqi officials and medics said on Saturday.

The militants torched the state-owned Mishraq sulphur works, about 30 kilometres south of Mosul, earlier this week as government forces pushed north in the offensive on the city, according to security officials. A white cloud drifted south over Qayyarah, mixing with black smoke from oil wells that the group set alight when it was driven out of the town in August.

An Iraqi general with the interior ministry's rapid response force said two civilians in nearby villages had died. Staff at the small hospital in Qayyarah said they had examined at least 500 people with breathing problems and stinging eyes over two days; other hospital sources put the number closer to 1,000. A few of the most serious cases were taken to Erbil.

"We are running out of oxygen," said a medical aide at the hospital. "Children, old men, soldiers - everyone is coming in coughing."

US officials said American troops at the Qayyarah West airfield, the main logistics hub for the Mosul campaign, had put on protective masks as a precaution after the wind shifted. The United States has about 5,000 troops in Iraq, but the Pentagon has not said how many are based at the airfield.

Officials said on Saturday that the fire had been put out, although a haze still hung over the area and over the camps where families fleeing the fighting are being received.
""",
    ),
    dict(
        key="nfd-hammam-grave", fmt="txt", slug="006_hammam-al-alil-mass-grave",
        date="2016-11-08", time="11:40", outlet="Northern Front Daily", author="Rana Aziz",
        title="Mass grave found at agricultural college in Hammam al-Alil",
        url=None, topic="mosul-offensive",
        body="""
Iraqi forces have found a mass grave containing roughly 100 bodies at an agricultural college in Hammam al-Alil, a town about 20 kilometres south of Mosul that troops recaptured from Islamic State militants in recent days.

The military's media office said the remains were found in a pit dug inside the college grounds, and that many of the bodies had been decapitated. A government committee that includes forensic specialists from the health ministry has been sent to exhume the site and try to identify the victims.

Residents said the militants had carried out killings in the area as government forces approached, including of detainees brought in from surrounding villages. UN human rights officials said last month that they had received reports of mass killings by the group in areas around Mosul.

"They took men from our street at night. We never saw them again," a resident of Hammam al-Alil said. "Now we know where they went."

The discovery comes three weeks into the offensive on Mosul, which began on 17 October. Federal police and army units are advancing along the Tigris from the south, while special forces are fighting inside the eastern districts of the city.

Human rights groups have urged the Iraqi authorities to protect grave sites so that evidence can be preserved for future prosecutions and families can learn what happened to their relatives.
""",
    ),
    dict(
        key="ll-unami-military", fmt="txt", slug="007_unami-stops-military-casualty-figures",
        date="2016-12-04", time="18:15", outlet="Levant Ledger", author="Peter Lind",
        title="UN mission in Iraq stops publishing military casualty figures after government complaint",
        url=None, topic="unami-casualties",
        body="""
The United Nations Assistance Mission for Iraq (UNAMI) said on Sunday that it would no longer publish casualty figures for the Iraqi security forces, days after its November tally drew an angry response from the country's military command.

In its monthly report released on Thursday, UNAMI said 1,959 members of the security forces - a category covering the army, police and Kurdish Peshmerga - had been killed across Iraq in November, along with 926 civilians. The combined number was far higher than in October, when the mission counted 1,792 deaths, including 672 members of the security forces.

Iraq's Joint Operations Command criticised the mission for publishing figures it said were inaccurate and exaggerated. In its statement on Sunday, UNAMI acknowledged that the military figures had been largely unverified and said it would stop releasing them unless a sound method of verification could be found. It will keep publishing civilian figures, which it describes as conservative minimums.

The Iraqi government has not released its own count of soldiers killed since the Mosul offensive began on 17 October.

"Every family in my neighbourhood has someone at the front," said a retired teacher in Baghdad. "We count our dead at the funerals, not from statements."

The fighting is also forcing a growing number of civilians from their homes. The International Organization for Migration's tracking teams counted 71,436 people - more than 11,900 families - displaced from the Mosul area between 17 October and 25 November, most of them sheltering in camps to the east and south-east of the city.
""",
    ),
    dict(
        key="et-east-mosul", fmt="txt", slug="008_east-mosul-declared-retaken",
        date="2017-01-24", time="17:50", outlet="Euphrates Times", author="Daniel Reyes",
        title="Iraqi commanders declare eastern Mosul fully retaken",
        url=None, topic="mosul-offensive",
        body="""
Iraqi commanders said on Tuesday that the eastern half of Mosul had been completely recaptured from Islamic State militants, just over three months after the start of the offensive on the city.

The head of the Counter-Terrorism Service announced that his units had finished clearing the districts on the left bank of the Tigris, and Prime Minister Haider al-Abadi congratulated the security forces. Officers said some neighbourhoods in the north-east were still being searched for hidden fighters and explosives.

The advance in the east picked up speed at the turn of the year after a pause in December, when units regrouped following heavy losses to car bombs in the narrow streets. In mid-January troops took the campus of Mosul University and reached the riverbank. All five bridges across the Tigris in the city have been put out of action.

The western half of Mosul, including the crowded Old City and the al-Nuri mosque, remains under the group's control. Commanders expect the next phase to be harder, and aid agencies say hundreds of thousands of civilians are still living there with dwindling food and water.

"The shops are opening again, but at night we still hear mortars from the other side," said a man who runs a grocery in an eastern district. "We are free, but we are not safe."

In the recaptured districts, residents are queuing for aid distributions and for documents at reopened government offices. Many neighbourhoods still have no mains electricity or running water.
""",
    ),
    dict(
        key="dd-west-mosul", fmt="txt", slug="009_west-mosul-offensive-begins",
        date="2017-02-19", time="12:25", outlet="Desert Dispatch", author="Layla Mansour",
        title="Iraq opens push on western Mosul",
        url=None, topic="mosul-offensive",
        body="""
Iraqi forces began their assault on the western half of Mosul on Sunday, advancing from the south towards the city's airport after Prime Minister Haider al-Abadi announced the start of the new phase on state television.

Federal police and units of the interior ministry's rapid response division moved through villages south of the city, backed by helicopters and coalition air strikes. The airport, on the southern edge of west Mosul, and the nearby Ghazlani military base are among the first objectives, according to the military.

Before the attack, the air force dropped leaflets over the western districts urging residents to stay indoors and telling militants to surrender. The UN has estimated that some 750,000 civilians remain in the western part of the city, where food and fuel prices have soared since supply roads were cut.

West Mosul is smaller than the east but far more crowded. Its Old City is a maze of alleys too narrow for armoured vehicles, and Iraqi officers expect the militants to rely heavily on snipers, car bombs and small drones, as they did on the east bank.

"I will go in with my unit, but I worry for the people inside more than for us," said a federal police officer at a staging area south of the city. "They have nowhere to run."

Aid agencies are expanding camps south of the city, including at Hammam al-Alil, and say they are preparing for large numbers of people to flee in the coming weeks.
""",
    ),
    dict(
        key="ll-manbij", fmt="txt", slug="010_us-troops-deploy-around-manbij",
        date="2017-03-06", time="20:30", outlet="Levant Ledger", author="Peter Lind",
        title="US troops deploy around Manbij to keep rival forces apart",
        url=None, topic="manbij",
        body="""
The United States has sent a small number of additional troops to the area around Manbij in northern Syria to deter the rival forces there from attacking each other, the Pentagon said on Monday.

Pentagon spokesman Capt. Jeff Davis described the deployment as a new mission to reassure and deter, which began last week. He said it was meant to be visible, so that every party would concentrate on fighting the Islamic State group rather than one another. The troops are not carrying out an offensive, he said, but are able to defend themselves.

Video filmed in the area showed US Stryker armoured vehicles flying large American flags on roads around the town.

Manbij was captured from the militants in August 2016 by the US-backed Syrian Democratic Forces. Turkey, which regards the Kurdish YPG militia that leads the alliance as a terrorist group, insists that Kurdish fighters must withdraw east of the Euphrates. Turkish President Recep Tayyip Erdogan has said Manbij would be the next target for Turkish-backed rebels, who took al-Bab from the militants last month.

Last week the Manbij Military Council, which is allied with the SDF, said it had agreed to hand a string of villages west of the town to Syrian government forces in a deal brokered by Russia, creating a buffer between its fighters and the Turkish-backed groups.

"We fought for this town street by street," said a member of the local council reached by phone. "We will not give it to anyone who comes with tanks."

The standoff leaves Manbij at the meeting point of forces backed by Washington, Moscow and Ankara.
""",
    ),
    dict(
        key="dd-tal-afar-copy", fmt="txt", slug="013_tal-afar-declared-retaken",
        date="2017-08-31", time="18:40", outlet="Desert Dispatch", author="Tigris Wire",
        title="Tal Afar falls to Iraqi forces as Abadi declares Nineveh free of IS",
        url=None, topic="tal-afar", copy_of="tw-tal-afar",
        body="""
Iraqi Prime Minister Haider al-Abadi declared on Thursday that government forces had retaken the town of Tal Afar and the surrounding district, saying the whole of Nineveh province was now free of Islamic State control.

Abadi made the announcement 11 days after launching the offensive on 20 August. Army units, the Counter-Terrorism Service, federal police and Popular Mobilisation forces recaptured the town centre within a week, and the military said on Sunday that the last neighbourhoods had been cleared. Fighting then moved to al-Ayadiya, a small town about 11 kilometres north-west of Tal Afar where many militants had retreated. Commanders described house-to-house fighting there before the town was taken.

In a statement, Abadi warned militants elsewhere in Iraq that they would face the same choice of surrender or death.

The US State Department congratulated Iraqi forces on a rapid victory and said the group had now lost 90 percent of the territory it once controlled in Iraq.

Tal Afar, a mainly Turkmen town about 70 kilometres west of Mosul, had been cut off for months, and aid agencies said most of its population had fled before the assault. Those who left in recent weeks described a long walk through the desert in summer heat to reach Iraqi lines.

"We left with two bottles of water for nine people," said a man from Tal Afar at a screening site south of the town. "The children drank first."

The fall of Tal Afar leaves Hawija, south-west of Kirkuk, and a strip of the Euphrates valley in western Anbar as the main areas still held by the group in Iraq.
""",
    ),
    dict(
        key="gmw-displacement-800k", fmt="txt", slug="011_mosul-displacement-passes-800000",
        date="2017-06-08", time="09:55", outlet="Gulf Monitor Weekly", author="Hannah Brooks",
        title="More than 800,000 displaced by Mosul fighting, IOM figures show",
        url=None, topic="mosul-displacement",
        body="""
More than 800,000 people have been displaced from Mosul since the offensive on the city began last October, according to figures from the International Organization for Migration's displacement tracking teams as of early June.

Most of them - more than 630,000 - have fled the western side of the city since the second phase of the operation began on 19 February, as Iraqi forces pushed into densely populated districts. Many families have since returned to the recaptured eastern neighbourhoods, but aid agencies say hundreds of thousands remain in camps and with host families across Nineveh province.

Camps at Hammam al-Alil and Jeddah, south of the city, and at Khazer and Hasansham to the east, are close to capacity. Humanitarian groups say the summer heat is raising the risk of dehydration and disease, and that water and sanitation are the most urgent needs.

Iraqi forces opened a new front in north-western Mosul on 4 May and are now closing in on the Old City, where large numbers of civilians are believed to be trapped. People who have escaped describe militants firing on families trying to leave.

"We walked at three in the morning with the children on our backs. Someone fired from a roof and we lay in the dirt for an hour," said a woman who reached a screening point on the western edge of the city last week.

Aid officials say they expect tens of thousands more people to flee in the coming weeks, and have repeatedly warned that their operations in Iraq are short of money.
""",
    ),
    dict(
        key="ll-raqqa-wall", fmt="txt", slug="012_raqqa-old-city-wall-breached",
        date="2017-07-04", time="08:20", outlet="Levant Ledger", author="Peter Lind",
        title="Coalition strikes open gaps in Raqqa's Old City wall",
        url=None, topic="raqqa",
        body="""
US-backed fighters have broken through the historic wall around the Old City of Raqqa after coalition aircraft opened two narrow gaps in it, the US military said late on Monday.

US Central Command said the strikes targeted two sections of the Rafiqah wall, each about 25 metres long, out of a total length of roughly 2,500 metres. The aim, it said, was to let the Syrian Democratic Forces enter at points of their choosing, avoiding existing breaches that Islamic State fighters had mined and rigged with car bombs, while preserving the rest of the wall.

Coalition spokesman Col. Ryan Dillon contrasted the operation with the group's destruction of heritage sites such as Palmyra and the al-Nuri mosque in Mosul, which the militants blew up last month.

The SDF, an alliance dominated by the Kurdish YPG militia, launched its assault on Raqqa on 6 June after months of operations to encircle the city. The coalition estimates that about 2,500 militants are defending it. On Sunday the alliance also crossed the Euphrates to push into the south of the city for the first time, according to a UK-based monitoring group.

"The fighters say the old wall is the last big obstacle," said a Raqqa man now living in a camp at Ain Issa, north of the city. "After that it is the houses - and our families are in those houses."

Tens of thousands of civilians are believed to remain in Raqqa. People who have fled report shortages of food, water and medicine, and rising casualties from the fighting and from air strikes.
""",
    ),
    dict(
        key="et-deir-siege-broken", fmt="txt", slug="014_deir-ez-zor-siege-broken",
        date="2017-09-06", time="10:05", outlet="Euphrates Times", author="Daniel Reyes",
        title="Syrian army breaks Islamic State siege of Deir ez-Zor",
        url=None, topic="deir-ez-zor",
        body="""
Syrian government forces broke through to the besieged government-held enclave of Deir ez-Zor on Tuesday, ending an Islamic State blockade that had cut off tens of thousands of civilians and soldiers for years.

State media showed troops celebrating as an armoured column advancing from the west linked up with the garrison of the army's 137th Brigade base on the city's western edge. The offensive, backed by Russian air strikes and allied militias, pushed across the desert over the summer.

Islamic State fighters cut the last land route into the government enclave in 2015. Since then supplies have arrived only by air - by helicopter to the military airport and, from April 2016, by high-altitude airdrops organised by the World Food Programme. The airport itself was cut off from the rest of the enclave by a militant offensive in January this year.

The group still holds much of Deir ez-Zor province, including other districts of the city and the towns along the Euphrates towards the Iraqi border. The US-backed Syrian Democratic Forces are preparing their own operation east of the river.

The US envoy to the anti-Islamic State coalition, Brett McGurk, said in early August that the group could no longer operate in about 78 percent of the territory it once held in Iraq and about 58 percent of what it once held in Syria.

"My mother has lived on bread and lentils for two years," said a man from the enclave who now lives in Damascus. "Today she called me and cried."

Aid agencies have long called for road access to the city, saying that airdrops could cover only a fraction of its needs.
""",
    ),
    dict(
        key="ac-al-qaim", fmt="txt", slug="015_al-qaim-retaken",
        date="2017-11-03", time="19:30", outlet="Anbar Courier", author="Omar Fadhil",
        title="Iraqi forces retake al-Qaim, the last major Islamic State town in Iraq",
        url=None, topic="al-qaim",
        body="""
Iraqi forces recaptured the western town of al-Qaim on the Syrian border on Friday, just over a week after Prime Minister Haider al-Abadi announced an offensive to drive Islamic State militants from their last significant stronghold in the country.

The Joint Operations Command said army units, the Counter-Terrorism Service, Popular Mobilisation forces and local tribal fighters entered the town from several directions and took control of the nearby border crossing with Syria. Abadi's office later declared the town liberated.

The US-led coalition had estimated that about 1,500 militants were in and around al-Qaim when the operation began on 26 October. Many fighters were reported to have fallen back towards Abu Kamal, the Syrian town on the other side of the border.

Al-Qaim sits on the Euphrates at the western end of Anbar province. Its capture leaves the group holding Rawa, further east along the river, and stretches of desert along the frontier.

"For three years we could not even call our relatives in al-Qaim," said a member of a local tribal force. "Today I spoke to my uncle and he was outside in the street."

On the Syrian side, the army declared on the same day that it had taken full control of the city of Deir ez-Zor, further up the Euphrates.

Thousands of families displaced by the fighting in western Anbar are living in camps, and local officials say many homes in al-Qaim will have to be cleared of explosives before they can return.
""",
    ),
    dict(
        key="ll-deir-city", fmt="txt", slug="016_deir-ez-zor-city-recaptured",
        date="2017-11-03", time="14:15", outlet="Levant Ledger", author="Peter Lind",
        title="Syrian army declares Deir ez-Zor city fully recaptured",
        url=None, topic="deir-ez-zor",
        body="""
The Syrian army said on Friday that it had taken full control of the city of Deir ez-Zor after driving Islamic State fighters from their last neighbourhoods along the west bank of the Euphrates.

In a statement read on state television, the military said troops and allied forces had cleared the remaining districts after weeks of street fighting, and that engineering units were removing mines and explosives left behind by the militants. Russia's defence ministry said its aircraft had supported the final assault.

The advance comes two months after government forces broke a siege that had isolated the government-held part of the city since 2015. Much of Deir ez-Zor now lies in ruins, and most of its pre-war population has fled.

East of the river, the US-backed Syrian Democratic Forces have been advancing separately through the province since September and have taken several oil and gas fields. The two campaigns, backed respectively by Moscow and Washington, have traded accusations over strikes near each other's positions.

"I don't know if my house still exists. Nobody has been allowed into our street," said a woman from the city who fled in 2014.

Both campaigns are now heading for the last Islamic State-held towns along the Euphrates near the Iraqi border, including Abu Kamal. On the Iraqi side of the frontier, government forces entered al-Qaim on the same day.
""",
    ),

    # ------------------------------------------------------------------ CSV (wire feed)
    dict(
        key="tw-wrath-euphrates", fmt="csv",
        date="2016-11-06", time="15:40", outlet="Tigris Wire", author="Tigris Wire",
        title="US-backed Syrian alliance launches campaign to isolate Raqqa",
        url="https://tigriswire.example/2016/11/06/sdf-wrath-of-the-euphrates-raqqa",
        topic="raqqa",
        body="""
AIN ISSA, Syria (Tigris Wire) - The US-backed Syrian Democratic Forces announced on Sunday the start of an operation to isolate and eventually capture Raqqa, the Islamic State group's de facto capital in Syria.

Commanders of the alliance, which is dominated by the Kurdish YPG militia but also includes Arab, Assyrian and Turkmen units, announced the campaign, named Wrath of the Euphrates, at a news conference in Ain Issa, about 50 kilometres north of Raqqa. They said the first phase would focus on encircling the city from the north, with air support from the US-led coalition.

US Defense Secretary Ash Carter welcomed the announcement, saying the effort to isolate and ultimately liberate Raqqa was the next step in the coalition's campaign and would not be easy. US officials have said that local Arab fighters should make up most of the force that eventually enters the city.

Turkey, a NATO ally of the United States, objects to any role for the YPG, which it regards as an extension of the outlawed Kurdistan Workers' Party (PKK), and has pushed for Turkish-backed Syrian rebel groups to lead the offensive instead.

The announcement came three weeks after Iraqi forces began their offensive on Mosul, the group's largest stronghold in Iraq. Coalition officials have said that pressure on both cities at once will make it harder for the militants to move fighters and supplies between them.

"Raqqa is our city, and we will be the ones to enter it," an Arab commander in the alliance told reporters at the news conference.

Residents reached by phone said the militants had set up more checkpoints in the city in recent weeks.
""",
    ),
    dict(
        key="tw-jadida-ack", fmt="csv",
        date="2017-03-26", time="09:15", outlet="Tigris Wire", author="Tigris Wire",
        title="Coalition acknowledges strike in Mosul district where civilians were reported killed",
        url="https://tigriswire.example/2017/03/26/coalition-acknowledges-jadida-strike-mosul",
        topic="al-jadida-airstrike",
        body="""
BAGHDAD (Tigris Wire) - The US-led coalition said on Saturday that its aircraft had carried out a strike on 17 March in the al-Jadida district of western Mosul, at the location where residents and local officials say large numbers of civilians were killed, and that it had opened a formal review.

In a statement, the coalition said the strike had been requested by Iraqi security forces and targeted Islamic State fighters and equipment. It did not say how many people had died and said it was working to establish the facts.

Estimates of the death toll vary widely. Local officials and residents have spoken of more than 100 dead, and some civil defence workers and local politicians say more than 200 bodies have been recovered from collapsed buildings in the area over the past week. Rescue teams said the work had been slowed by continued fighting and the danger of unexploded bombs.

"We dug with our hands for three days. There were whole families under one roof," said a civil defence volunteer in the neighbourhood.

Some Iraqi officers have suggested that Islamic State fighters herded civilians into houses and fired on troops from them, and that buildings may have been rigged with explosives.

The United Nations and rights groups have urged all sides to do more to protect civilians, who they say are increasingly caught in the fighting as Iraqi forces push into the crowded districts of west Mosul.

If the higher estimates are confirmed, the incident would be among the deadliest for civilians since the coalition began its air campaign in 2014.
""",
    ),
    dict(
        key="tw-votel", fmt="csv",
        date="2017-03-29", time="21:10", outlet="Tigris Wire", author="Tigris Wire",
        title="US general says 774 Iraqi troops killed in Mosul battle",
        url="https://tigriswire.example/2017/03/29/votel-iraqi-troop-losses-mosul",
        topic="mosul-casualties",
        body="""
WASHINGTON (Tigris Wire) - Iraqi security forces have lost 774 troops killed and about 4,600 wounded since the offensive to retake Mosul began in October, the top US commander for the Middle East told Congress on Wednesday, the first time American officials have given a casualty count for the whole battle.

Gen. Joseph Votel, head of US Central Command, told lawmakers at a congressional hearing that the fight for eastern Mosul had cost 490 Iraqi personnel killed and more than 3,000 wounded. Since the push into the western half of the city began on 19 February, he said, a further 284 had been killed and more than 1,600 wounded in 37 days.

Votel described the Old City in western Mosul as a very dense urban area where the terrain favours the defender. He credited a new arrangement placing the army, federal police and counter-terrorism forces under a common commander with improving coordination between units that used to answer to separate chains of command.

Baghdad does not publish casualty figures for its forces, and it objected last year when the UN mission in Iraq published monthly estimates of security force deaths.

The hearing came as the US-led coalition faced questions over a 17 March air strike in the al-Jadida district of west Mosul, where local officials say large numbers of civilians were killed. Votel told lawmakers that the coalition was investigating the incident.

Iraqi special forces and federal police continued to push towards the al-Nuri mosque on Wednesday. Commanders have said the Old City will be the hardest part of the battle.
""",
    ),
    dict(
        key="tw-us-iraq-talks", fmt="csv",
        date="2017-05-04", time="11:30", outlet="Tigris Wire", author="Tigris Wire",
        title="Iraq and US discuss keeping American troops after Islamic State fight",
        url="https://tigriswire.example/2017/05/04/us-iraq-talks-troops",
        topic="us-troops-iraq",
        body="""
BAGHDAD (Tigris Wire) - Iraqi Prime Minister Haider al-Abadi's government is in talks with the Trump administration about keeping US troops in Iraq after the battle against the Islamic State group is over, according to a US official and an Iraqi government official.

Both officials stressed that the discussions were at an early stage and that nothing had been finalised. They spoke on condition of anonymity because they were not authorised to discuss the talks publicly.

The Iraqi official said American forces could be stationed inside existing Iraqi bases in at least five locations, in the Mosul area and along the border with Syria. The US official said the talks, which involve Defense Secretary Jim Mattis, concern what a long-term American presence would look like, mainly training and advising Iraqi forces.

US defense officials put the number of American troops now in Iraq at more than 7,000, well above the authorised level of 5,262, because personnel on short rotations are not counted against the cap.

The last US combat troops left Iraq at the end of 2011 after the two governments failed to agree on legal immunity for American forces remaining in the country. Less than three years later, Islamic State fighters overran Mosul and much of the north and west, and US troops returned as advisers.

"The Americans left once and we paid the price," said an Iraqi army officer in Baghdad who asked not to be named. "But many people here do not want foreign soldiers either."

Any agreement could face opposition in Iraq's parliament, where Shia factions close to Iran have called for foreign forces to leave once the militants are defeated. Iraqi forces are still fighting to retake the western half of Mosul.
""",
    ),
    dict(
        key="tw-nuri-mosque", fmt="csv",
        date="2017-06-21", time="21:45", outlet="Tigris Wire", author="Tigris Wire",
        title="Islamic State blows up Mosul's al-Nuri mosque, Iraqi military says",
        url="https://tigriswire.example/2017/06/21/al-nuri-mosque-destroyed-mosul",
        topic="mosul-offensive",
        body="""
MOSUL, Iraq (Tigris Wire) - Islamic State militants blew up the Grand al-Nuri mosque and its famous leaning minaret in Mosul's Old City on Wednesday night as Iraqi forces closed in on the site, the Iraqi military said.

The 12th-century mosque is where the group's leader, Abu Bakr al-Baghdadi, made his only known public appearance in July 2014, delivering a sermon days after the group declared its so-called caliphate. Its minaret, known as al-Hadba, or the hunchback, because of its pronounced lean, had stood for more than eight centuries.

Iraqi counter-terrorism forces were advancing on the mosque from several directions when it was destroyed, according to military statements. Photographs released by the army showed only the stump of the minaret standing amid rubble.

Prime Minister Haider al-Abadi said on Twitter that by blowing up the mosque and the minaret, the militants had formally declared their own defeat.

The Islamic State group's Amaq news agency claimed that a US air strike had destroyed the mosque. The US-led coalition rejected the claim. Maj. Gen. Joseph Martin, who commands coalition ground forces in Iraq, called the destruction a crime against the people of Mosul and all of Iraq and said the responsibility lay firmly with the militants.

"I grew up looking at that minaret from my window," said a Mosul university lecturer now living in the eastern half of the city. "Whatever else they took, we thought they would not dare touch al-Hadba."

Iraqi forces have been fighting since 18 June to retake the Old City, the last militant-held area of Mosul, where large numbers of civilians are trapped.

The coalition said the battle for Mosul was not yet over and that it would keep supporting Iraqi forces until it was.
""",
    ),
    dict(
        key="tw-mosul-victory", fmt="csv",
        date="2017-07-10", time="18:30", outlet="Tigris Wire", author="Tigris Wire",
        title="Abadi formally declares victory over Islamic State in Mosul",
        url="https://tigriswire.example/2017/07/10/abadi-declares-victory-mosul",
        topic="mosul-offensive",
        body="""
MOSUL, Iraq (Tigris Wire) - Iraqi Prime Minister Haider al-Abadi formally declared victory over the Islamic State group in Mosul on Monday, nearly nine months after government forces began the offensive to retake the country's second-largest city.

Speaking on state television in a black military uniform, surrounded by commanders, Abadi announced the collapse of what he called the militants' state of falsehood and terrorism, and thanked the security forces and the US-led coalition. He warned that the country still faced the task of stabilising liberated areas and rooting out remaining militant cells.

Abadi had arrived in Mosul on Sunday to congratulate the troops while fighting continued in a small pocket of the Old City near the Tigris. Sporadic clashes and air strikes were still reported on Monday. The campaign was fought by a 100,000-strong alliance of army, police and counter-terrorism units, Kurdish Peshmerga and paramilitary fighters.

Lt. Gen. Stephen Townsend, the commander of the coalition, said in a statement that the loss of Mosul was a decisive blow to the group, although it did not mark the end of the fight against it.

The cost of the battle has been immense. Aid agencies estimate that close to a million people fled their homes at some point during the offensive, and hundreds of thousands remain displaced. Much of the Old City lies in rubble, including the al-Nuri mosque, which the militants blew up on 21 June.

"We are happy, but first we need to find our dead," said a man waiting at a checkpoint near the Old City for news of his brother.

The Iraqi government has not published a full count of its own losses. US commanders said in March that 774 Iraqi troops had been killed in the first five months of the campaign.
""",
    ),
    dict(
        key="tw-tal-afar", fmt="csv",
        date="2017-08-31", time="16:20", outlet="Tigris Wire", author="Tigris Wire",
        title="Iraq declares Tal Afar retaken, says all of Nineveh freed from IS",
        url="https://tigriswire.example/2017/08/31/tal-afar-declared-retaken",
        topic="tal-afar",
        body="""
BAGHDAD (Tigris Wire) - Iraqi Prime Minister Haider al-Abadi declared on Thursday that government forces had retaken the town of Tal Afar and the surrounding district, saying the whole of Nineveh province was now free of Islamic State control.

The announcement came 11 days after Abadi launched the offensive on 20 August. Army units, the Counter-Terrorism Service, federal police and Popular Mobilisation forces recaptured the town centre within a week, and the military said on Sunday that the last neighbourhoods had been cleared. Fighting then moved to al-Ayadiya, a small town about 11 kilometres north-west of Tal Afar where many militants had retreated. Commanders described house-to-house fighting there before the town was taken.

In a statement, Abadi warned militants elsewhere in Iraq that they would face the same choice of surrender or death.

The US State Department congratulated Iraqi forces on a rapid victory and said the group had now lost 90 percent of the territory it once controlled in Iraq.

Tal Afar, a mainly Turkmen town about 70 kilometres west of Mosul, had been cut off for months, and aid agencies said most of its population had fled before the assault. Those who left in recent weeks described a long walk through the desert in summer heat to reach Iraqi lines.

"We left with two bottles of water for nine people," said a man from Tal Afar at a screening site south of the town. "The children drank first."

The fall of Tal Afar leaves Hawija, south-west of Kirkuk, and a strip of the Euphrates valley in western Anbar as the main areas still held by the group in Iraq.

Officials have not released casualty figures for the offensive.
""",
    ),
    dict(
        key="tw-raqqa-stadium", fmt="csv",
        date="2017-10-17", time="17:05", outlet="Tigris Wire", author="Tigris Wire",
        title="US-backed forces take Raqqa stadium, say battle for the city is over",
        url="https://tigriswire.example/2017/10/17/raqqa-stadium-sdf-battle-over",
        topic="raqqa",
        body="""
RAQQA, Syria (Tigris Wire) - US-backed fighters captured the municipal stadium in Raqqa on Tuesday, the last significant position held by the Islamic State group in the city, and commanders said military operations there had ended after more than four months of fighting.

Talal Sello, a spokesman for the Syrian Democratic Forces, said the alliance was clearing the stadium and the surrounding streets of mines and searching for militants who might be hiding in tunnels. Earlier in the day SDF fighters took the city's national hospital, another building the militants had turned into a fortified base.

A formal announcement of the city's liberation is expected in the coming days, SDF officials said.

The final push followed a deal brokered at the weekend by the Raqqa Civil Council and local tribal elders, under which 275 Syrian militants and members of their families left the city. More than 3,000 civilians who had been trapped in militant-held areas also came out under the arrangement, according to the SDF. The alliance said foreign fighters were excluded from the deal, and coalition officials said they had not taken part in the negotiations.

The battle began on 6 June, after months of operations to encircle the city. Large parts of Raqqa have been reduced to rubble by street fighting and coalition air strikes.

"There is no house in my street with a roof," said a resident who returned briefly to the eastern al-Mashlab district. "We won, but where will we live?"

The SDF had said that between 200 and 300 foreign fighters stayed behind to fight in the final days. It was not immediately clear how many of them had been killed or captured.

Raqqa had served as the group's de facto capital in Syria since 2014 and as a base for planning attacks abroad.
""",
    ),

    # ------------------------------------------------------------------ JSONL
    dict(
        key="dd-fallujah-liberated", fmt="jsonl",
        date="2016-06-26", time="14:35", outlet="Desert Dispatch", author="Layla Mansour",
        title="Iraqi commander declares Fallujah fully liberated",
        url="https://desertdispatch.example/2016/06/26/fallujah-fully-liberated",
        topic="fallujah",
        body="""
The Iraqi general leading the offensive on Fallujah said on Sunday that the city had been completely retaken from the Islamic State group, after troops cleared the north-western Julan district, the last area the militants held.

Lt. Gen. Abdul-Wahab al-Saadi told state television from Julan that counter-terrorism forces had finished clearing the neighbourhood and that the battle for Fallujah was over. The operation began in the last week of May.

Prime Minister Haider al-Abadi had already declared victory on 17 June, after troops reached the government compound in the city centre, but fighting continued in several districts for more than a week afterwards.

Fallujah, about 50 kilometres west of Baghdad, was the first Iraqi city to fall to the militants, in January 2014. Its recapture removes a base from which the group had launched attacks on the capital.

The humanitarian situation around the city remains dire. Tens of thousands of people fled in the final weeks of the battle, some of them swimming or rafting across the Euphrates, and the camps around Amiriyat al-Fallujah and Habbaniyah are overcrowded, with shortages of tents, water and shade in the summer heat.

"We have one tent for three families," said a man from Fallujah staying in a camp south of the city. "The soldiers took my son for questioning four days ago. Nobody can tell me where he is."

Rights groups and local Sunni leaders have alleged that men fleeing the city were abused by some Popular Mobilisation units during security screening. Abadi has ordered an investigation and promised that anyone found responsible would be punished.
""",
    ),
    dict(
        key="gmw-carter-560", fmt="jsonl",
        date="2016-07-11", time="16:50", outlet="Gulf Monitor Weekly", author="Hannah Brooks",
        title="Carter announces 560 more US troops for Iraq, with Qayyarah base as hub for Mosul push",
        url="https://gulfmonitorweekly.example/2016/07/11/carter-560-more-troops-qayyarah",
        topic="us-troops-iraq",
        body="""
US Defense Secretary Ash Carter announced during an unannounced visit to Baghdad on Monday that 560 more American troops would be sent to Iraq, most of them to an air base near Qayyarah that Iraqi forces recaptured from Islamic State militants at the weekend.

The increase raises the number of US troops authorised to be in Iraq to 4,647, from 4,087. The official ceiling does not include special operations forces and personnel on temporary assignments, which officials say bring the real total to more than 5,000.

Carter said the new troops, who include engineers, logistics specialists and advisers, would deploy within days or weeks rather than months. He told American troops at Baghdad airport that they would bring important capabilities at a key moment in the campaign.

The airfield, known to the US military as Qayyarah West, lies about 60 kilometres south of Mosul. Lt. Gen. Sean MacFarland, the top US commander in Iraq, said it would need airfield operations, a logistics hub, a security perimeter and a headquarters if it was to serve as a springboard for the eventual offensive on Mosul.

Iraqi forces retook the airfield on Saturday after a rapid advance along the Tigris. The nearby town of Qayyarah remains in militant hands.

"We hear the aircraft at night now, not the explosions," said a resident of a village near the airfield reached by phone. "People are waiting to see if the army comes to the town next."

President Barack Obama approved the increase, the second this year after 217 troops were added in April. Some Republicans in Congress criticised what they called an incremental approach to the war.
""",
    ),
    dict(
        key="et-karrada-323", fmt="jsonl",
        date="2016-08-31", time="12:00", outlet="Euphrates Times", author="Daniel Reyes",
        title="Health ministry raises Karrada bombing toll to 323",
        url="https://euphratestimes.example/2016/08/31/karrada-toll-revised-323",
        topic="karrada-bombing",
        body="""
Iraq's health minister has raised the death toll from the July suicide bombing in Baghdad's Karrada district to 323, making it the deadliest single attack in the country since the 2003 US-led invasion.

Health Minister Adila Hamoud told a news conference earlier this month that 115 victims had been identified by their families immediately after the blast. The remaining 208 bodies, many of them burned beyond recognition, had to be identified through DNA testing, she said.

The ministry had previously given a toll of 292, including 177 people who had not yet been identified at the time. The figure rose as people first reported missing were confirmed to be among the dead.

The attack, claimed by the Islamic State group, took place in the early hours of 3 July, when a bomber detonated a vehicle packed with explosives on a crowded shopping street as families shopped ahead of Eid al-Fitr. Fire spread rapidly through nearby malls and killed many of those inside.

Families of the victims have complained about long delays in identifying bodies and about a lack of information from the authorities.

"For six weeks we went every day to the forensic institute," said a man who lost two nephews. "Finally they gave us a number and a bag."

The interior minister, Mohammed al-Ghabban, resigned two days after the bombing. Prime Minister Haider al-Abadi ordered security forces to stop using hand-held bomb detectors at checkpoints, devices that were exposed years ago as fraudulent.
""",
    ),
    dict(
        key="ll-deir-strike", fmt="jsonl",
        date="2016-09-17", time="22:10", outlet="Levant Ledger", author="Peter Lind",
        title="Syria says coalition strike near Deir ez-Zor killed 62 soldiers",
        url="https://levantledger.example/2016/09/17/coalition-strike-syrian-army-deir-ez-zor",
        topic="deir-ez-zor",
        body="""
Syria's army said on Saturday that aircraft from the US-led coalition had struck its positions on Tharda mountain near Deir ez-Zor airport, killing 62 soldiers and wounding about 100, and allowing Islamic State fighters to overrun the hilltop.

The army's general command described the strikes as a serious and flagrant attack and said they proved that the United States supported the militants. Russia's defence ministry gave the same death toll and said the strikes were carried out by two F-16 and two A-10 aircraft that had entered Syria from Iraq.

US Central Command said coalition aircraft had been striking what they believed were Islamic State positions in the area, and had stopped immediately when Russian officials told them that the targets might be Syrian military personnel and vehicles. The coalition said it would review the incident and regretted any unintended loss of life.

The strikes came in the sixth day of a cessation of hostilities agreed between Washington and Moscow, and Russia requested an emergency meeting of the UN Security Council.

Deir ez-Zor's government-held districts and its military airport have been encircled by the militants since 2015, and the hills around the airport are vital to keeping it open for supply flights.

"The planes came in the afternoon and the soldiers on the mountain had no time to move," said a resident of the government-held part of the city reached by phone. "By evening Daesh was on top of the hill."

State media later said troops had recaptured some of the positions with the help of Russian air strikes.
""",
    ),
    dict(
        key="dd-615-troops", fmt="jsonl",
        date="2016-09-29", time="09:05", outlet="Desert Dispatch", author="Layla Mansour",
        title="Obama approves about 600 more troops for Iraq ahead of Mosul offensive",
        url="https://desertdispatch.example/2016/09/29/600-more-us-troops-iraq-mosul",
        topic="us-troops-iraq",
        body="""
President Barack Obama has authorised about 600 additional US troops for Iraq to help Iraqi and Kurdish forces prepare for the offensive on Mosul, Defense Secretary Ash Carter said on Wednesday.

Officials said the deployment, 615 troops in all, raises the authorised level of American forces in Iraq to 5,262. It is the third increase this year, after 217 troops were added in April and 560 in July.

Carter said in a statement that the request came from himself and the chairman of the Joint Chiefs of Staff, Gen. Joseph Dunford, with the support of Prime Minister Haider al-Abadi. The troops will provide logistics and maintenance support, advise Iraqi units and Kurdish Peshmerga for the Mosul operation, and expand intelligence work against the Islamic State network.

Abadi's office said his government had asked for more trainers and advisers. Obama called it a sombre decision and said he was always mindful that troops sent into a war zone might not come back.

Many of the new troops are expected to operate from the Qayyarah West airfield south of Mosul, which Iraqi forces recaptured in July. US officials have not said when the offensive will begin, but Iraqi leaders have promised to retake the city before the end of the year.

"The Americans bring the planes and the maps. The fighting is ours," said an Iraqi army captain at a base south of Mosul, where troops have been massing for weeks.

Iraqi forces last week recaptured the town of Sharqat, north of Tikrit, clearing another stretch of the route towards Mosul.
""",
    ),
    dict(
        key="nfd-mosul-launch", fmt="jsonl",
        date="2016-10-17", time="08:30", outlet="Northern Front Daily", author="Rana Aziz",
        title="Iraq launches long-awaited offensive to retake Mosul",
        url="https://northernfrontdaily.example/2016/10/17/mosul-offensive-begins",
        topic="mosul-offensive",
        body="""
Iraqi Prime Minister Haider al-Abadi announced early on Monday the start of the offensive to retake Mosul, the Islamic State group's largest stronghold in Iraq, telling the city's residents in a televised address that the hour of their liberation had come.

Iraqi army units and Kurdish Peshmerga forces advanced on villages east and south of the city at dawn, backed by coalition air strikes and artillery. More than 30,000 Iraqi troops are involved in the first phase, and officials say the total force, including Peshmerga, police, tribal fighters and paramilitaries, could approach 100,000.

US military officials estimate that between 3,000 and 5,000 militants are inside Mosul, with perhaps another 1,000 to 1,500 in the belt of towns and villages around it.

Abadi said only the Iraqi army and national police would enter the city itself, a reassurance aimed at Mosul's mainly Sunni population, many of whom fear reprisals by Shia militias.

US Defense Secretary Ash Carter called the launch a decisive moment in the campaign to inflict a lasting defeat on the group. Lt. Gen. Stephen Townsend, the coalition commander, said the fight could last weeks or longer.

Between 1 million and 1.5 million people are believed to still live in Mosul. The UN has warned that in the worst case up to a million could be forced from their homes, and aid agencies are building camps east and south of the city.

"I have packed one bag for each child," said a woman from eastern Mosul reached by phone. "If the fighting reaches our street we will run, but to where?"

Leaflets dropped over the city on Sunday told residents to keep away from militant positions and promised that the advancing forces would not target civilians.
""",
    ),
    dict(
        key="gmw-mcgurk-56", fmt="jsonl",
        date="2016-11-28", time="21:20", outlet="Gulf Monitor Weekly", author="Hannah Brooks",
        title="US envoy says Islamic State has lost 56 percent of its populated territory in Iraq",
        url="https://gulfmonitorweekly.example/2016/11/28/mcgurk-isis-territory-56-percent",
        topic="isis-territory",
        body="""
Local forces backed by the US-led coalition have retaken 56 percent of the populated territory the Islamic State group once held in Iraq and 27 percent of what it held in Syria, the US special envoy for the coalition, Brett McGurk, told a meeting of coalition representatives in Washington on Monday.

McGurk said the group's losses had accelerated with the offensives on Mosul in Iraq and on Raqqa in Syria, launched in October and November respectively.

The figures are higher than those the coalition gave at the start of the year, when its spokesman said the militants had lost about 40 percent of their territory in Iraq and about 20 percent in Syria.

Measuring territorial control in Iraq and Syria is difficult, and estimates vary depending on whether deserts and sparsely populated areas are counted. Independent analysts have at times given considerably lower figures than the coalition.

In Mosul, Iraqi special forces are fighting inside the eastern districts, while army and police units are approaching from the south. In Syria, the Syrian Democratic Forces are advancing on Raqqa from the north.

"Losing territory is not the same as losing the ability to kill," said a Baghdad-based security analyst, pointing to last week's truck bombing south of Baghdad that killed scores of people, many of them pilgrims.

Officials at the meeting also discussed stabilisation and the return of displaced people to recaptured towns, which they said would be crucial to keeping the group from re-emerging.
""",
    ),
    dict(
        key="gmw-votel-copy", fmt="jsonl",
        date="2017-03-30", time="07:15", outlet="Gulf Monitor Weekly",
        author="Gulf Monitor Weekly staff, with Tigris Wire",
        title="Mosul battle has cost 774 Iraqi troops their lives, US commander says",
        url="https://gulfmonitorweekly.example/2017/03/30/mosul-774-iraqi-troops-killed-votel",
        topic="mosul-casualties", copy_of="tw-votel",
        body="""
Iraqi security forces have lost 774 troops killed and about 4,600 wounded since the offensive to retake Mosul began in October, the top US commander for the Middle East told Congress on Wednesday, the first time American officials have given a casualty count for the whole battle.

Gen. Joseph Votel, head of US Central Command, told lawmakers at a congressional hearing that the fight for eastern Mosul had cost 490 Iraqi personnel killed and more than 3,000 wounded. Since the push into the western half of the city began on 19 February, he said, a further 284 had been killed and more than 1,600 wounded in 37 days.

Votel described the Old City in western Mosul as a very dense urban area where the terrain favours the defender. He credited a new arrangement placing the army, federal police and counter-terrorism forces under a common commander with improving coordination between units that used to answer to separate chains of command.

The Iraqi government does not release its own figures for military casualties, and it objected last year when the UN mission in Iraq published monthly estimates of security force deaths.

The hearing came as the US-led coalition faced questions over a 17 March air strike in the al-Jadida district of west Mosul, where local officials say large numbers of civilians were killed. Votel told lawmakers that the coalition was investigating the incident.
""",
    ),
    dict(
        key="gmw-balad-bases", fmt="jsonl",
        date="2017-05-05", time="13:40", outlet="Gulf Monitor Weekly", author="Hannah Brooks",
        title="US troops could stay at Balad and Baghdad bases after IS defeat, defense officials say",
        url="https://gulfmonitorweekly.example/2017/05/05/us-troops-balad-baghdad-bases",
        topic="us-troops-iraq",
        body="""
American troops who stay in Iraq after the defeat of the Islamic State group would be based at former US facilities at Balad and in Baghdad, according to US defense officials quoted in American media, a day after it emerged that the two governments were discussing a long-term presence.

The list of locations could later be extended to several smaller bases, one of the officials was reported as saying. The troops would help Iraqi forces in areas where they still fall short, such as counter-terrorism, intelligence gathering and aviation, as well as advising Iraqi commanders.

No estimate has been given for the size of any future force. The officials said that more than 7,000 American troops are in the country now. Both governments would want a status of forces agreement setting out legal protections for US personnel - the issue on which talks broke down in 2011, leading to the withdrawal of American forces at the end of that year.

The Iraqi side has offered a different picture of where troops might go. An Iraqi official quoted on Thursday spoke of existing Iraqi bases in at least five locations around Mosul and along the Syrian border.

Prime Minister Haider al-Abadi has said that any US military personnel who remain after the fight would serve as advisers and trainers rather than as combat units.

"A base at Balad means they can reach anywhere in the north in half an hour," said a retired Iraqi air force officer. "That is why some people in Baghdad are nervous."

Nothing has been agreed, and any deal could face resistance in the Iraqi parliament.
""",
    ),
    dict(
        key="ll-jadida-105", fmt="jsonl",
        date="2017-05-25", time="20:45", outlet="Levant Ledger", author="Peter Lind",
        title="US investigation finds 105 civilians died in March strike on Mosul house",
        url="https://levantledger.example/2017/05/25/mosul-jadida-strike-investigation-105",
        topic="al-jadida-airstrike",
        body="""
A US military investigation has concluded that 105 civilians were killed when a coalition air strike on 17 March set off explosives that Islamic State fighters had placed in a house in the al-Jadida district of west Mosul, bringing the building down.

According to the findings released on Thursday, 101 civilians died inside the building and four in a neighbouring house. Another 36 people reported to have been in the area remain unaccounted for; the investigators said they had probably left before the strike.

The investigation, led by Brig. Gen. Matthew Isler of the US Air Force, found that an Iraqi commander had asked for the strike to stop two snipers who were firing on Iraqi counter-terrorism troops. The coalition used a single GBU-38 guided bomb, which the investigators said could not on its own have brought down the building. Residue found at the site pointed to a much larger quantity of explosives that the militants had stored there, they said. Neither the coalition nor Iraqi forces knew that civilians were sheltering inside, according to the findings.

Maj. Gen. Joseph Martin, the coalition's ground forces commander, offered condolences to those affected and said the coalition took every feasible measure to protect civilians.

The official toll is lower than some earlier accounts. In the days after the strike, Iraqi civil defence teams and local officials said they had recovered more than 200 bodies from collapsed buildings in the neighbourhood.

"They say 105. We buried more than that from our street," said a resident of al-Jadida.

The incident is the deadliest for civilians that the coalition has acknowledged since its air campaign against the group began in 2014.
""",
    ),
    dict(
        key="dd-ihs-60", fmt="jsonl",
        date="2017-06-29", time="15:25", outlet="Desert Dispatch", author="Layla Mansour",
        title="Islamic State has lost more than 60 percent of its territory, analysts say",
        url="https://desertdispatch.example/2017/06/29/ihs-islamic-state-lost-60-percent-territory",
        topic="isis-territory",
        body="""
The Islamic State group has lost more than 60 percent of the territory it held in Iraq and Syria and about 80 percent of its revenue, according to an analysis published on Thursday by the research firm IHS Markit, three years after the group declared its so-called caliphate.

IHS Markit's Conflict Monitor estimated that the area under the group's control had shrunk to about 36,200 square kilometres by 26 June, from about 90,800 square kilometres in January 2015. The steepest losses came in the first six months of this year, when the group lost roughly 24,000 square kilometres.

The group's average monthly income fell from about $81 million in the second quarter of 2015 to about $16 million in the second quarter of this year, the analysts said, as it lost oil fields and the populated areas it could tax.

The analysts said the remaining territory was likely to break up before the end of the year, leaving the group holding a string of isolated towns.

The report was published on the same day that Iraqi forces said they had retaken the site of the al-Nuri mosque in Mosul's Old City, which the militants blew up last week. Prime Minister Haider al-Abadi said the recapture of the site marked the end of the militants' false state.

"They are losing land, but the people they left behind are broken," said a social worker in a camp for displaced families south of Mosul. "That will take longer to fix than the roads."

In Syria, US-backed forces are fighting inside Raqqa, the group's de facto capital, while Syrian government troops are pushing east towards Deir ez-Zor.
""",
    ),
    dict(
        key="nfd-coalition-1200", fmt="jsonl",
        date="2017-09-29", time="11:10", outlet="Northern Front Daily", author="Rana Aziz",
        title="Coalition puts Iraqi forces' Mosul death toll at 1,200 to 1,500",
        url="https://northernfrontdaily.example/2017/09/29/coalition-mosul-iraqi-losses-1200-1500",
        topic="mosul-casualties",
        body="""
Between 1,200 and 1,500 members of the Iraqi security forces were killed in the nine-month battle for Mosul, and about 8,000 were wounded, the US-led coalition said in a statement this week, its first estimate for the whole campaign.

The coalition did not break the figures down by force or by phase of the battle, and it was not clear whether they included paramilitary units under government command. It praised what it described as the significant sacrifice made by Iraqi forces in freeing the city.

The Iraqi government has not published its own casualty figures for the campaign, which ran from 17 October 2016 until Prime Minister Haider al-Abadi declared victory on 10 July.

The new estimate is well above the figures given earlier in the battle. In March, Gen. Joseph Votel, the head of US Central Command, told Congress that 774 Iraqi troops had been killed and about 4,600 wounded since October - before the hardest fighting in the Old City had begun.

In late 2016 the UN mission in Iraq stopped publishing monthly counts of security force deaths after the Iraqi military said they were exaggerated.

"My company went in with 120 men in February. By July we were fewer than half," said a federal police sergeant who fought in west Mosul. "Some were wounded, some we carried home."

Since the fall of Mosul, Iraqi forces have retaken Tal Afar and launched an offensive on Hawija, one of the last areas held by the group in Iraq.
""",
    ),

    # ------------------------------------------------------------------ HTML pages
    dict(
        key="ll-wfp-airdrop", fmt="html", slug="levantledger-2016-04-11-wfp-airdrop-deir-ez-zor",
        date="2016-04-11", time="10:00", outlet="Levant Ledger", author="Peter Lind",
        title="UN food agency completes first successful airdrop to besieged Deir ez-Zor",
        url="https://levantledger.example/2016/04/11/wfp-airdrop-deir-ez-zor",
        topic="deir-ez-zor",
        summary="The World Food Programme dropped 20 tonnes of food into government-held districts of Deir ez-Zor besieged by Islamic State fighters.",
        body="""
The World Food Programme said it had carried out its first successful high-altitude airdrop into the besieged Syrian city of Deir ez-Zor on Sunday, delivering 20 tonnes of food to government-held districts surrounded by Islamic State fighters.

The agency said the drop contained beans, chickpeas and rice, enough to feed about 2,500 people for a month. The pallets were collected on the ground by the Syrian Arab Red Crescent for distribution.

It was the first time WFP food had reached the besieged parts of the city since the siege began. An earlier attempt on 24 February failed when some of the 21 tonnes of supplies drifted outside the drop zone and others were damaged because their parachutes did not open properly. The agency said it had spent weeks correcting the technical problems.

About 200,000 people are believed to be living in the government-held districts, which can only be supplied by air. Aid agencies have reported severe malnutrition, and residents have described families surviving on bread and boiled wild plants.

"We saw the parachutes from the roof and the children started shouting," a resident told our correspondent by phone. "Then we waited to see whose street they fell in."

WFP said more drops were planned in the coming days. It stressed that airdrops were a last resort, far more expensive than road convoys and able to carry only a fraction of what trucks could deliver, and it called on all parties to allow access by road.

The Islamic State group has repeatedly attacked the military airport on the edge of the city, the only other route by which supplies reach the enclave.
""",
    ),
    dict(
        key="gmw-green-zone", fmt="html", slug="gulfmonitorweekly-2016-04-30-sadr-protesters-storm-parliament",
        date="2016-04-30", time="17:40", outlet="Gulf Monitor Weekly", author="Hannah Brooks",
        title="Sadr supporters storm Baghdad's Green Zone and parliament",
        url="https://gulfmonitorweekly.example/2016/04/30/sadr-protesters-storm-parliament",
        topic="baghdad-protests",
        summary="Hundreds of followers of Moqtada al-Sadr broke into the Green Zone and parliament after lawmakers again failed to approve a technocrat cabinet.",
        body="""
Hundreds of supporters of the Shia cleric Moqtada al-Sadr broke into Baghdad's heavily fortified Green Zone on Saturday and stormed the parliament building, after lawmakers again failed to approve a new cabinet of technocrats.

Protesters who had gathered outside the zone crossed a bridge over the Tigris, climbed the concrete blast walls and pulled some of them down. Inside parliament, crowds waved Iraqi flags and chanted, and some smashed furniture. Several lawmakers were roughed up as they tried to leave, and cars belonging to members of parliament were damaged.

The Baghdad Operations Command declared a state of emergency and closed the entrances to the capital. Security forces later fired tear gas and shots into the air to stop more people entering the zone, and police sources said about a dozen people were hurt.

The session had been called to vote on the rest of Prime Minister Haider al-Abadi's proposed reshuffle, which would replace ministers chosen by political parties with independent specialists. It was called off for lack of a quorum.

Earlier in the day, in a speech in Najaf, Sadr accused the political class of blocking reform to protect their positions and announced that his parliamentary bloc would suspend its participation. He urged his followers to protest peacefully.

"We are not here to destroy. We are here because they have stolen everything," said a young protester standing on a toppled blast wall near the parliament building.

The UN mission in Iraq, which is based in the Green Zone, called for calm and restraint. Abadi urged the protesters to return to the areas set aside for demonstrations and said the government remained in control of security in the capital. By evening, members of Sadr's Saraya al-Salam militia were directing protesters out of the parliament building.
""",
    ),
    dict(
        key="dd-unami-2016", fmt="html", slug="desertdispatch-2017-01-03-unami-2016-civilian-casualties",
        date="2017-01-03", time="12:45", outlet="Desert Dispatch", author="Layla Mansour",
        title="UN counts nearly 7,000 Iraqi civilians killed in 2016",
        url="https://desertdispatch.example/2017/01/03/unami-2016-civilian-casualties",
        topic="unami-casualties",
        summary="UNAMI recorded 6,878 civilians killed and 12,388 wounded in Iraq in 2016, with Nineveh the worst-hit province in December.",
        body="""
At least 6,878 Iraqi civilians were killed and 12,388 wounded in acts of terrorism, violence and armed conflict in 2016, according to figures released this week by the United Nations Assistance Mission for Iraq (UNAMI).

The mission said 386 civilians were killed and 1,066 wounded in December alone, figures that include police officers in non-combat roles. Nineveh province, where the battle for Mosul is under way, was the worst affected, with 208 killed and 511 wounded. Baghdad followed with 109 killed and 523 wounded, and Kirkuk with 64 killed and 27 wounded.

UNAMI said the annual totals were incomplete because it had not been able to obtain figures from the Anbar health department for May, July, August and December. It describes its figures as an absolute minimum, since many incidents cannot be verified.

The UN special representative for Iraq, Jan Kubis, said that although December's numbers were lower than in previous months, the mission had noticed an increase in bombings targeting civilians towards the end of the month. He described the attacks as an attempt by the militants to divert attention from their losses in Mosul.

The mission stopped publishing casualty figures for the Iraqi security forces in early December, after the military complained that its November numbers were exaggerated.

"Every statistic has a name on my ward," said a doctor at a Baghdad hospital that received victims of the weekend's market bombing. "The numbers go down, but the beds are still full."

A double suicide bombing at a market in central Baghdad on 31 December killed more than two dozen people, and the Islamic State group has claimed further attacks in the capital in the first days of January.
""",
    ),
    dict(
        key="et-tabqa", fmt="html", slug="euphratestimes-2017-05-10-sdf-captures-tabqa-dam",
        date="2017-05-10", time="19:20", outlet="Euphrates Times", author="Daniel Reyes",
        title="US-backed forces capture Tabqa and Syria's largest dam",
        url="https://euphratestimes.example/2017/05/10/sdf-captures-tabqa-dam",
        topic="raqqa",
        summary="The Syrian Democratic Forces said they had taken Tabqa and the Tabqa dam, a day after Washington said it would arm the Kurdish YPG.",
        body="""
The US-backed Syrian Democratic Forces said on Wednesday that they had taken full control of the town of Tabqa and the nearby Tabqa dam from the Islamic State group after weeks of fighting, clearing the way for an assault on Raqqa.

SDF spokesman Talal Sello said the alliance had completely liberated the town and the dam and that clearing operations were continuing. The alliance said it had accepted the surrender of some militants in order to protect civilians and the dam.

Tabqa lies on the Euphrates about 55 kilometres west of Raqqa. The battle began in late March, when US helicopters carried SDF fighters and American advisers across Lake Assad to land behind militant lines. The nearby Tabqa air base was captured days later.

The UN had warned that damage to the dam, Syria's largest, could cause catastrophic flooding downstream, and the engineers who ran it fled as the fighting drew closer. A team was expected to inspect the structure once mines had been cleared.

The capture came a day after the Trump administration said it would directly arm the Kurdish YPG militia, the dominant force in the SDF. Turkey, which regards the YPG as a terrorist organisation, condemned the decision and urged Washington to reverse it. President Recep Tayyip Erdogan is due to meet President Donald Trump in Washington next week.

"Everyone in Raqqa knows the Tabqa road is open now," said a Raqqa resident who fled to Tabqa last year. "The people inside are afraid of what comes next."

US officials have said the weapons will be limited to what is needed for the Raqqa operation and will be tracked.
""",
    ),
    dict(
        key="nfd-nuri-copy", fmt="html", slug="northernfrontdaily-2017-06-22-al-hadba-minaret-destroyed",
        date="2017-06-22", time="06:30", outlet="Northern Front Daily",
        author="Tigris Wire, via Northern Front Daily",
        title="Al-Hadba minaret falls as Islamic State destroys Mosul's al-Nuri mosque",
        url="https://northernfrontdaily.example/2017/06/22/mosul-al-hadba-minaret-destroyed",
        topic="mosul-offensive", copy_of="tw-nuri-mosque",
        summary="Islamic State militants blew up the Grand al-Nuri mosque and its leaning al-Hadba minaret as Iraqi forces closed in, the Iraqi military said.",
        body="""
MOSUL, Iraq (Tigris Wire) - Islamic State militants blew up the Grand al-Nuri mosque and its famous leaning minaret in Mosul's Old City on Wednesday night as Iraqi forces closed in on the site, the Iraqi military said.

The 12th-century mosque is where the group's leader, Abu Bakr al-Baghdadi, made his only known public appearance in July 2014, delivering a sermon days after the group declared its so-called caliphate. Its minaret, known as al-Hadba, or the hunchback, because of its pronounced lean, had stood for more than eight centuries.

Iraqi counter-terrorism forces were advancing on the mosque from several directions when it was destroyed, according to military statements. Images released by the Iraqi army showed the minaret reduced to a stump in a field of rubble.

Prime Minister Haider al-Abadi said on Twitter that by blowing up the mosque and the minaret, the militants had formally declared their own defeat.

The Islamic State group's Amaq news agency claimed that a US air strike had destroyed the mosque. The US-led coalition rejected the claim. Maj. Gen. Joseph Martin, who commands coalition ground forces in Iraq, called the destruction a crime against the people of Mosul and all of Iraq and said the responsibility lay firmly with the militants.

"I grew up looking at that minaret from my window," said a Mosul university lecturer now living in the eastern half of the city. "Whatever else they took, we thought they would not dare touch al-Hadba."

Iraqi forces have been fighting since 18 June to retake the Old City, the last militant-held area of Mosul, where large numbers of civilians are trapped.
""",
    ),

    # ------------------------------------------------------------------ WARC pages
    dict(
        key="nfd-mosul-airport", fmt="warc", slug="northernfrontdaily-2017-02-24-mosul-airport-retaken",
        date="2017-02-24", time="07:50", crawl="2017-03-01T06:40:21Z",
        outlet="Northern Front Daily", author="Rana Aziz",
        title="Iraqi forces retake Mosul airport and Ghazlani base",
        url="https://northernfrontdaily.example/2017/02/24/mosul-airport-retaken",
        topic="mosul-offensive",
        summary="Iraqi forces took Mosul airport and the Ghazlani base, gaining a foothold on the southern edge of west Mosul.",
        body="""
Iraqi forces recaptured Mosul airport and the adjacent Ghazlani military base on Thursday, gaining a foothold on the southern edge of the western half of the city five days after the new phase of the offensive began.

Federal police and units of the interior ministry's rapid response division stormed the airport from the south, while counter-terrorism forces pushed into Ghazlani, a sprawling former army base next to the runway. Coalition air strikes and artillery supported the attack, and US advisers were operating closer to the front lines than in earlier phases of the campaign.

The militants had wrecked the runway and terminal buildings before the assault, digging trenches across the tarmac to make the airport unusable. Engineers will need time to repair it, but the site gives the troops a large staging area on the edge of the city.

From the airport and Ghazlani, troops can advance into the south-western districts of the city. About 750,000 civilians are believed to remain in west Mosul, according to UN estimates.

"We could see the smoke over the airport from our house since the morning," said a resident of a south-western district reached by phone. "Daesh fighters have been moving through the alleys all night."

The coalition said the militants had used car bombs and small drones dropping grenades to try to slow the advance. An Iraqi officer said several vehicles packed with explosives had been destroyed before they reached the lines.

Aid agencies said the number of families fleeing the south-western districts had begun to rise, and that camps south of the city were being expanded.
""",
    ),
    dict(
        key="et-townsend-jadida", fmt="warc", slug="euphratestimes-2017-03-29-townsend-mosul-strike",
        date="2017-03-29", time="08:05", crawl="2017-04-02T13:05:10Z",
        outlet="Euphrates Times", author="Daniel Reyes",
        title="Coalition commander says US-led strike may have played a role in Mosul civilian deaths",
        url="https://euphratestimes.example/2017/03/29/townsend-mosul-strike-civilian-deaths",
        topic="al-jadida-airstrike",
        summary="Lt. Gen. Stephen Townsend said the coalition probably had a role in the 17 March deaths in al-Jadida, as toll estimates continued to diverge.",
        body="""
The commander of the US-led coalition against the Islamic State group said on Tuesday that there was a fair chance a coalition air strike had played a role in the deaths of civilians in the al-Jadida district of west Mosul on 17 March, while suggesting that the militants may also bear responsibility.

Lt. Gen. Stephen Townsend told reporters that his initial assessment was that the coalition probably had a role in the casualties, but that investigators still had to establish whether explosives placed by the militants had caused the building to collapse. He described the battle for Mosul as the most significant urban combat since the Second World War.

Local officials and rescue workers have given widely differing figures for the death toll. Some Iraqi officials have spoken of more than 100 dead; civil defence teams and residents say more than 200 bodies have been recovered from collapsed houses in the area, and regional media reported last week that 130 people had died in a single house.

The coalition has acknowledged carrying out a strike at the location at the request of Iraqi forces and has opened a formal investigation. US defence officials have denied that the rules governing air strikes have been loosened.

The losses among Iraqi forces are also heavy. US Central Command has said that close to 800 Iraqi troops have been killed and thousands more wounded since the offensive began in October.

"We heard one huge explosion and the whole street shook," said a resident of al-Jadida who lost neighbours. "Then there was silence, and then the screaming."

Aid agencies say the number of people fleeing west Mosul has risen sharply since the offensive on that side of the city began on 19 February.
""",
    ),
    dict(
        key="dd-tal-afar-launch", fmt="warc", slug="desertdispatch-2017-08-20-tal-afar-offensive",
        date="2017-08-20", time="09:15", crawl="2017-08-26T19:22:03Z",
        outlet="Desert Dispatch", author="Layla Mansour",
        title="Abadi launches offensive to retake Tal Afar",
        url="https://desertdispatch.example/2017/08/20/tal-afar-offensive-launched",
        topic="tal-afar",
        summary="Prime Minister Haider al-Abadi announced the offensive on Tal Afar, one of the last Islamic State-held towns in northern Iraq.",
        body="""
Iraqi Prime Minister Haider al-Abadi announced on Sunday the start of an offensive to recapture Tal Afar, one of the last towns held by the Islamic State group in northern Iraq, six weeks after declaring victory in Mosul.

In a televised speech, dressed in military uniform, Abadi told the militants that they had a choice between surrender and death, and said the army, counter-terrorism forces, federal police and Popular Mobilisation units would all take part.

Tal Afar, about 70 kilometres west of Mosul, has been surrounded for months. Before 2014 the mainly Turkmen town had a mixed Sunni and Shia population and saw intense sectarian fighting after the 2003 invasion. Several senior figures in the Islamic State group came from the town.

Estimates of the number of militants inside vary, with Iraqi and US officials giving figures ranging from about 1,000 to 2,000 fighters. Aid agencies believe that tens of thousands of civilians were living in the town and surrounding villages earlier this year, though many have fled in recent weeks across the desert.

The US-led coalition said it would support the operation with air strikes, intelligence and advice.

"They told us to leave, so we left at night with the old people on tractors," said a man from a village near Tal Afar who reached a screening site west of Mosul. "It took us two days to walk out."

Popular Mobilisation forces, which cut the town off from the west last year, are taking part in the operation. Their role has worried some Sunni and Turkmen leaders, who fear sectarian reprisals.

Troops expect to face tunnels, snipers and booby traps similar to those they encountered in Mosul.
""",
    ),
    dict(
        key="ll-raqqa-copy", fmt="warc", slug="levantledger-2017-10-18-raqqa-battle-over",
        date="2017-10-18", time="06:55", crawl="2017-10-23T08:12:44Z",
        outlet="Levant Ledger", author="Levant Ledger staff, from Tigris Wire",
        title="Raqqa battle ends as SDF seizes stadium from Islamic State",
        url="https://levantledger.example/2017/10/18/raqqa-battle-ends-stadium",
        topic="raqqa", copy_of="tw-raqqa-stadium",
        summary="US-backed fighters took Raqqa's stadium, the Islamic State group's last significant position in the city.",
        body="""
RAQQA, Syria (Tigris Wire) - US-backed fighters captured the municipal stadium in Raqqa on Tuesday, the last significant position held by the Islamic State group in the city, and commanders said military operations there had ended after more than four months of fighting.

Talal Sello, a spokesman for the Syrian Democratic Forces, said the alliance was clearing the stadium and the surrounding streets of mines and searching for militants who might be hiding in tunnels. Earlier in the day SDF fighters took the city's national hospital, another building the militants had turned into a fortified base.

SDF officials said the city's liberation would be formally announced within days.

The final push followed a deal brokered at the weekend by the Raqqa Civil Council and local tribal elders, under which 275 Syrian militants and members of their families left the city. More than 3,000 civilians who had been trapped in militant-held areas also came out under the arrangement, according to the SDF. The alliance said foreign fighters were excluded from the deal, and coalition officials said they had not taken part in the negotiations.

The battle began on 6 June, after months of operations to encircle the city. Large parts of Raqqa have been reduced to rubble by street fighting and coalition air strikes.

"There is no house in my street with a roof," said a resident who returned briefly to the eastern al-Mashlab district. "We won, but where will we live?"

The SDF had said that between 200 and 300 foreign fighters stayed behind to fight in the final days. It was not immediately clear how many of them had been killed or captured.
""",
    ),

    # ------------------------------------------------------------------ RSS (Euphrates Times feed)
    dict(
        key="et-mosul-dam", fmt="rss",
        date="2016-03-03", time="10:20", outlet="Euphrates Times", author="Daniel Reyes",
        title="Iraq signs Mosul Dam repair deal after US warning of possible collapse",
        url="https://euphratestimes.example/2016/03/03/mosul-dam-trevi-contract-warning",
        topic="mosul-dam",
        summary="Iraq signed a contract with Italy's Trevi to repair the Mosul Dam, days after the US embassy warned it could fail with little warning.",
        body="""
Iraq signed a contract on Wednesday with the Italian engineering group Trevi to repair and maintain the Mosul Dam, days after the US embassy in Baghdad warned that the structure could fail catastrophically with little warning.

Government spokesman Saad al-Hadithi said the deal was worth 273 million euros, about $296 million, and that work needed to start as quickly as possible. He gave no timetable. Italy has said it will send troops to protect the site and the workers.

The dam, on the Tigris north of Mosul, was built in the 1980s on soluble rock and needs constant grouting to fill cavities in its foundations. That work was disrupted in 2014, when Islamic State militants briefly seized the dam, and has been limited since.

In an advisory this week, the US embassy said a breach could send a flood wave that would inundate Mosul within hours and might reach Baghdad. A US government briefing paper estimated that between 500,000 and 1.47 million people live in the highest-risk areas along the river and would be unlikely to survive unless they got out. The embassy said it had no specific information about when a breach might occur.

Iraqi officials have played down the danger, saying the dam is being monitored and that the risk of collapse is very low. Prime Minister Haider al-Abadi has nonetheless advised people living along the Tigris in the Mosul area to move at least six kilometres away from the river as a precaution.

"They have been saying the dam will fall since I was a boy," said a farmer who lives by the river south of the dam. "I will believe it when I see the water."

Mosul itself remains under the control of the Islamic State group.
""",
    ),
    dict(
        key="et-truce-collapse", fmt="rss",
        date="2016-09-19", time="19:35", outlet="Euphrates Times", author="Daniel Reyes",
        title="Syrian army declares truce over as row over Deir ez-Zor strike deepens",
        url="https://euphratestimes.example/2016/09/19/syria-army-ends-truce-deir-ez-zor-strike",
        topic="deir-ez-zor",
        summary="Syria's army declared the US-Russian truce over, two days after a coalition strike killed Syrian soldiers near Deir ez-Zor.",
        body="""
The Syrian army declared on Monday that the week-long cessation of hostilities brokered by the United States and Russia had ended, blaming rebel violations, two days after a US-led coalition air strike killed Syrian soldiers near Deir ez-Zor.

The Syrian Observatory for Human Rights, a UK-based monitoring group, said at least 80 soldiers had been killed in Saturday's strikes on positions on Tharda mountain overlooking Deir ez-Zor airport, more than the 62 given by the Syrian and Russian militaries.

The United States has said the strikes were a mistake. US officials said the aircraft believed they were hitting Islamic State fighters and vehicles, and stopped as soon as Russia alerted them through the channel the two militaries use to avoid incidents. Washington expressed regret for the loss of life.

At an emergency meeting of the UN Security Council requested by Russia on Saturday night, Russian and US diplomats accused each other of undermining the truce. Syrian officials have described the attack as deliberate, a charge the United States rejects.

"The men who died on the mountain were from our villages," said a resident of the government-held part of Deir ez-Zor reached by phone. "Now people are saying the truce was a lie from the start."

The collapse of the truce puts in doubt plans for joint US-Russian targeting of militant groups, which were due to begin if the ceasefire held for seven days. Aid deliveries to besieged eastern Aleppo, promised under the deal, had not taken place.
""",
    ),
    dict(
        key="et-mattis-baghdad", fmt="rss",
        date="2017-02-20", time="15:00", outlet="Euphrates Times", author="Daniel Reyes",
        title="Mattis visits Baghdad, says US is not in Iraq to take its oil",
        url="https://euphratestimes.example/2017/02/20/mattis-baghdad-visit-oil",
        topic="us-troops-iraq",
        summary="On his first trip to Iraq as defense secretary, Jim Mattis said the US military was not there to seize Iraqi oil.",
        body="""
US Defense Secretary Jim Mattis arrived in Baghdad on Monday on an unannounced visit, his first to Iraq since taking office, as Iraqi forces pressed their new offensive on the western half of Mosul.

Speaking to reporters travelling with him, Mattis said the US military was not in Iraq to seize anybody's oil, distancing the Pentagon from remarks by President Donald Trump, who has said the United States should have taken Iraq's oil after the 2003 invasion. Mattis said Americans had always paid for their oil and gas and would continue to do so.

Mattis met Prime Minister Haider al-Abadi and US commanders, including Lt. Gen. Stephen Townsend, to review the campaign against the Islamic State group.

The visit came weeks after Iraqi lawmakers protested against Trump's executive order temporarily barring travel to the United States by citizens of seven mainly Muslim countries, including Iraq. Some lawmakers called for reciprocal measures against Americans.

Officially, the Pentagon's authorised level for US troops in Iraq stands at 5,262. Counting personnel on temporary assignments, some estimates put the actual number at about 6,000.

"We need the Americans for the aircraft and the intelligence," said an Iraqi army officer in Baghdad. "But every speech from Washington makes our job harder here."

Iraqi federal police units advanced on Monday to within a few kilometres of Mosul airport, which lies on the southern edge of the western half of the city.
""",
    ),
    dict(
        key="et-us-iraq-talks-copy", fmt="rss",
        date="2017-05-04", time="14:05", outlet="Euphrates Times", author="Tigris Wire",
        title="Baghdad and Washington weigh long-term US troop presence",
        url="https://euphratestimes.example/2017/05/04/baghdad-washington-weigh-us-troop-presence",
        topic="us-troops-iraq", copy_of="tw-us-iraq-talks",
        summary="Iraqi and US officials said the two governments were discussing keeping American troops in Iraq after the fight against the Islamic State group.",
        body="""
BAGHDAD - Iraqi Prime Minister Haider al-Abadi's government is in talks with the Trump administration about keeping US troops in Iraq after the battle against the Islamic State group is over, according to a US official and an Iraqi government official.

Both officials said the talks were at an early stage and that no decisions had been taken. They spoke on condition of anonymity because they were not authorised to discuss the talks publicly.

The Iraqi official said American forces could be stationed inside existing Iraqi bases in at least five locations, in the Mosul area and along the border with Syria. The US official said the talks, which involve Defense Secretary Jim Mattis, concern what a long-term American presence would look like, mainly training and advising Iraqi forces.

US defense officials put the number of American troops now in Iraq at more than 7,000, well above the authorised level of 5,262, because personnel on short rotations are not counted against the cap.

The last US combat troops left Iraq at the end of 2011 after the two governments failed to agree on legal immunity for American forces remaining in the country. Less than three years later, Islamic State fighters overran Mosul and much of the north and west, and US troops returned as advisers.

"The Americans left once and we paid the price," said an Iraqi army officer in Baghdad who asked not to be named. "But many people here do not want foreign soldiers either."
""",
    ),
    dict(
        key="et-raqqa-begins", fmt="rss",
        date="2017-06-06", time="16:45", outlet="Euphrates Times", author="Daniel Reyes",
        title="US-backed alliance launches assault on Raqqa",
        url="https://euphratestimes.example/2017/06/06/raqqa-assault-begins",
        topic="raqqa",
        summary="The Syrian Democratic Forces began their assault on Raqqa after seven months of operations to surround the city.",
        body="""
The Syrian Democratic Forces announced on Tuesday the start of their assault on Raqqa, the Islamic State group's de facto capital in Syria, after seven months of operations to surround the city.

The Kurdish-Arab alliance, backed by air strikes and advisers from the US-led coalition, said it was attacking the city from the east, west and north. Its fighters pushed into the eastern al-Mashlab district on the first day, according to the alliance.

Lt. Gen. Stephen Townsend, the coalition commander, said in a statement that it would be a long and difficult fight, but that the offensive would deal a decisive blow to the idea of the group's caliphate.

The campaign to isolate Raqqa, known as Wrath of the Euphrates, began in November. Over the winter and spring the alliance took the countryside north and west of the city, the Tabqa dam and the town of Tabqa, which fell on 10 May.

Tens of thousands of civilians are believed to remain in the city, according to UN estimates. People who have fled describe militants stopping residents from leaving, and air strikes that have hit homes and the bridges across the Euphrates.

"We got out two weeks ago by paying a smuggler," said a woman from Raqqa now living in a camp north of the city. "My sister stayed because her husband was too sick to walk."

Turkey has opposed the role of the Kurdish YPG militia in the offensive and has said it will respond if the operation threatens its security. The US military has said the weapons it began supplying to the YPG last month will be used only against the Islamic State group.
""",
    ),
    dict(
        key="et-kirkuk", fmt="rss",
        date="2017-10-17", time="20:10", outlet="Euphrates Times", author="Daniel Reyes",
        title="Iraqi forces take over Kirkuk oil fields as Peshmerga withdraw",
        url="https://euphratestimes.example/2017/10/17/kirkuk-peshmerga-withdraw-oil-fields",
        topic="kirkuk",
        summary="Federal forces took the Bai Hassan and Avana oil fields a day after Kurdish Peshmerga withdrew from Kirkuk.",
        body="""
Iraqi federal forces took control on Tuesday of the Bai Hassan and Avana oil fields north-west of Kirkuk, a day after Kurdish Peshmerga fighters withdrew from the city of Kirkuk with little resistance.

Prime Minister Haider al-Abadi ordered the operation to restore federal authority over Kirkuk and other disputed areas that Kurdish forces had held since 2014, when the Iraqi army collapsed in the face of the Islamic State advance. The move followed the Kurdistan Region's independence referendum on 25 September, which Baghdad had declared illegal.

On Monday, troops entered Kirkuk city, took over the provincial government building and the nearby K1 military base, and raised the Iraqi flag. Many Peshmerga units pulled back towards Erbil and Sulaimaniyah. Kurdish leaders traded accusations, with some accusing a faction of the Patriotic Union of Kurdistan of betrayal for agreeing to withdraw.

Abadi said the operation was meant to protect the unity of the country, told Kurds that the federal government was not targeting them, and called on the Peshmerga to serve under federal authority.

Thousands of Kurdish residents left Kirkuk for the Kurdistan Region on Monday, fearing clashes or reprisals.

"We took what we could carry and drove to Erbil. Tomorrow we will see if it is safe to go back," said a Kurdish shopkeeper from Kirkuk.

The United States, which has armed and trained both the Iraqi army and the Peshmerga, said it was not taking sides and urged both to avoid further clashes. Peshmerga forces also pulled out of Sinjar and other areas of Nineveh province on Tuesday.
""",
    ),
]
